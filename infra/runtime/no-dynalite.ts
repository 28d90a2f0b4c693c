// Stands in for the `dynalite` package inside the Lambda bundles (esbuild alias, infra/lib/runtime-bundle.ts).
// lib/store imports dynalite for the embedded deployment, and dynalite loads LevelDB's native addon as
// soon as it is imported; a Lambda always talks to DynamoDB (FRAUD_DYNAMODB_REGION), so shipping that
// addon would only add a module that fails to load. Starting the embedded store there is a
// configuration error, and says so.
export default function dynalite(): never {
  throw new Error(
    'the embedded dynalite is not part of this Lambda bundle: set FRAUD_DYNAMODB_REGION (or FRAUD_DYNAMODB_ENDPOINT)',
  );
}
