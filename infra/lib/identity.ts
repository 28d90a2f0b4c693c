// Sign-in on AWS: a Cognito user pool whose groups are the console's roles (lib/auth ROLES), a hosted
// sign-in domain, and a confidential app client for next-auth's Cognito provider (authorization-code
// flow, callback `<console>/api/auth/callback/cognito`, docs/AUTH.md). Accounts are created by an
// administrator (no self sign-up). The client secret is copied into Secrets Manager so the console's
// task receives it as a secret, never as a plain environment value in the task definition.
import { Aws, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';

import { ROLE_LABELS, ROLES } from '@/lib/auth/roles';

/** next-auth's callback path for its Cognito provider (provider id `cognito`). */
export const COGNITO_CALLBACK_PATH = '/api/auth/callback/cognito';

export interface IdentityProps {
  /** `https://<console domain>` (NEXTAUTH_URL). */
  consoleUrl: string;
  key: kms.IKey;
  retainData: boolean;
}

export class Identity extends Construct {
  readonly userPool: cognito.UserPool;
  readonly client: cognito.UserPoolClient;
  readonly clientSecret: secretsmanager.Secret;
  readonly domain: cognito.UserPoolDomain;

  constructor(scope: Construct, id: string, props: IdentityProps) {
    super(scope, id);
    const removalPolicy = props.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    this.userPool = new cognito.UserPool(this, 'UserPool', {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      standardAttributes: {
        email: { required: true, mutable: true },
        fullname: { required: false, mutable: true },
      },
      passwordPolicy: {
        minLength: 12,
        requireDigits: true,
        requireLowercase: true,
        requireUppercase: true,
        requireSymbols: true,
      },
      mfa: cognito.Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      deletionProtection: props.retainData,
      removalPolicy,
    });
    for (const role of ROLES) {
      new cognito.CfnUserPoolGroup(this, `${ROLE_LABELS[role].replace(/\W/g, '')}Group`, {
        userPoolId: this.userPool.userPoolId,
        groupName: role,
        description: `${ROLE_LABELS[role]} (console role; lib/auth/roles.ts)`,
      });
    }
    // Hosted-UI prefixes are global per region: the account id keeps two accounts from colliding.
    const stackSlug = Stack.of(this)
      .stackName.toLowerCase()
      .replace(/[^a-z0-9-]/g, '-')
      .slice(0, 40);
    this.domain = this.userPool.addDomain('HostedDomain', {
      cognitoDomain: { domainPrefix: `${stackSlug}-${Aws.ACCOUNT_ID}` },
    });
    this.client = this.userPool.addClient('ConsoleClient', {
      generateSecret: true,
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE],
        callbackUrls: [`${props.consoleUrl}${COGNITO_CALLBACK_PATH}`],
        logoutUrls: [`${props.consoleUrl}/signin`],
      },
      supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      // Console sessions last 8 hours (lib/auth); the ID token is only read at sign-in.
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(8),
    });
    this.clientSecret = new secretsmanager.Secret(this, 'ClientSecret', {
      description: 'Fraud review console: Cognito app client secret (FRAUD_COGNITO_CLIENT_SECRET)',
      secretStringValue: this.client.userPoolClientSecret,
      encryptionKey: props.key,
      removalPolicy: RemovalPolicy.DESTROY,
    });
  }
}
