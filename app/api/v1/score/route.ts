// POST /api/v1/score: real-time scoring of one transaction or a batch (docs/SCORING.md).
import { handleScoreRequest } from '@/lib/scoring/handler';
import { getScoringService } from '@/lib/scoring/service';

export const dynamic = 'force-dynamic';

export async function POST(request: Request): Promise<Response> {
  return handleScoreRequest(request, await getScoringService());
}
