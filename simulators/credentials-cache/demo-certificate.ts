/**
 * A self-signed certificate for the demo cache's https binding (127.0.0.1 and localhost, valid
 * for 100 years). It exists so the demo can show an engine host that does not trust a cache's
 * certificate; it secures nothing and is public on purpose. Never use it outside the simulators.
 */
export const DEMO_TLS = {
  key: [
    '-----BEGIN PRIVATE KEY-----',
    'MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgB9Cn3jnVx+ffF6FG',
    'pTJzdpR7RvePyyR23nfpp/AMTFShRANCAATdQozRlTNg0mzzUuITWJvdW9n6D2wB',
    '0G/Kwj6ax1v+w8k/XnuDlgIf/g593v+7GhkDfHbKR41aTQxjdyVa1Dl6',
    '-----END PRIVATE KEY-----',
  ].join('\n'),
  cert: [
    '-----BEGIN CERTIFICATE-----',
    'MIIBtTCCAVugAwIBAgIUDsDffH1uE30T6t8RLwqzhYe2hdwwCgYIKoZIzj0EAwIw',
    'ITEfMB0GA1UEAwwWY3JlZGNhY2hlLmRlbW8uaW52YWxpZDAgFw0yNjEyMDIxNDQ4',
    'MTlaGA8yMTI2MTEwODE0NDgxOVowITEfMB0GA1UEAwwWY3JlZGNhY2hlLmRlbW8u',
    'aW52YWxpZDBZMBMGByqGSM49AgEGCCqGSM49AwEHA0IABN1CjNGVM2DSbPNS4hNY',
    'm91b2foPbAHQb8rCPprHW/7DyT9ee4OWAh/+Dn3e/7saGQN8dspHjVpNDGN3JVrU',
    'OXqjbzBtMB0GA1UdDgQWBBSJLkb/hl+CCcMde+wFI3unx8Y0SDAfBgNVHSMEGDAW',
    'gBSJLkb/hl+CCcMde+wFI3unx8Y0SDAPBgNVHRMBAf8EBTADAQH/MBoGA1UdEQQT',
    'MBGHBH8AAAGCCWxvY2FsaG9zdDAKBggqhkjOPQQDAgNIADBFAiBqO1ZCcrgHJzZx',
    'JmV2NdeAuo4Y2cWPtaV/AJ7Wmrj55wIhAPUE4Aey6kkAB4wwXQiS3NvtgyRPq5nr',
    '/7YNrSb/uUnX',
    '-----END CERTIFICATE-----',
  ].join('\n'),
} as const;
