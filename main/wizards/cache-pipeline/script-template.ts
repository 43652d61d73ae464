/**
 * The maintained PowerShell script of the cache pipeline (seed 000's, made safe): TLS 1.2, certificate
 * checks on (off only for a lab, with a warning in the script), 20 s per request and at most 3
 * attempts with a pause (well under the engine's 5-minute script limit), a retry only on transient
 * failures (no response, 408, 429, 5xx), `throw` on any failure so the pipeline run shows Failed, and
 * no secret or token in its output. Arguments (as the pipeline passes them): secret id, Secret Server
 * URL, application account, its password, Credentials Cache URL, domain.
 */
const TEMPLATE = String.raw`# Engine Console: refresh the Credentials Cache when a secret's password changes (seed 000).
# Generated from the console's maintained template; edits here are shown as a diff by the setup wizard.
param()
$ErrorActionPreference = 'Stop'
$ItemId     = $Args[0]
$BaseUrl    = $Args[1]
$Username   = $Args[2]
$Password   = $Args[3]
$ApiBaseURI = ([string]$Args[4]).TrimEnd('/')
$Domain     = $Args[5]

if ([string]::IsNullOrWhiteSpace($ItemId) -or [string]::IsNullOrWhiteSpace($ApiBaseURI)) {
    throw "Missing arguments: expected the secret id and the Credentials Cache URL (check the pipeline's Script Args)."
}
if ([string]::IsNullOrWhiteSpace($Username) -or [string]::IsNullOrWhiteSpace($Password)) {
    throw "The application account or its password is empty: allow confidential fields in scripts, or check the additional secret."
}

[Net.ServicePointManager]::SecurityProtocol = [Net.SecurityProtocolType]::Tls12
{{CERTIFICATES}}
$TimeoutSec  = 20
$MaxAttempts = 3
$PauseSec    = 5

function Test-Transient($err) {
    $response = $err.Exception.Response
    if ($null -eq $response) { return $true }
    $code = [int]$response.StatusCode
    return ($code -eq 408 -or $code -eq 429 -or $code -ge 500)
}

function Invoke-WithRetry([string]$What, [scriptblock]$Call) {
    for ($attempt = 1; ; $attempt++) {
        try {
            return & $Call
        }
        catch {
            $message = $_.Exception.Message
            if ($attempt -ge $MaxAttempts -or -not (Test-Transient $_)) {
                throw "$What failed after $attempt attempt(s): $message"
            }
            Write-Host "$What failed (attempt $attempt of $MaxAttempts): $message. Retrying in $PauseSec s."
            Start-Sleep -Seconds $PauseSec
        }
    }
}

Write-Host "Requesting JWT token from $ApiBaseURI for secret $ItemId..."
$TokenBody = @{ Username = $Username; Password = $Password; BaseUrl = $BaseUrl; Domain = $Domain }
$TokenResponse = Invoke-WithRetry 'Token request' {
    Invoke-RestMethod -Method Post -Uri "$ApiBaseURI/api/token" -ContentType 'application/x-www-form-urlencoded' -Body $TokenBody -TimeoutSec $TimeoutSec -ErrorAction Stop
}
$AccessToken = $TokenResponse.token
if ([string]::IsNullOrWhiteSpace($AccessToken)) { throw "Token request failed: JWT token missing in response." }
Write-Host "JWT token retrieved."

Write-Host "Calling SecretChanged API..."
$Headers = @{ Authorization = "Bearer $AccessToken" }
$Body = @{ secretId = "$ItemId" } | ConvertTo-Json
try {
    Invoke-WithRetry 'SecretChanged API' {
        Invoke-RestMethod -Method Post -Uri "$ApiBaseURI/api/secretchanged" -Headers $Headers -ContentType 'application/json' -Body $Body -TimeoutSec $TimeoutSec -ErrorAction Stop
    } | Out-Null
}
catch {
    # The run must show Failed: report the reason (never the token or password) and throw.
    $Reason = "SecretChanged API failed for secret $($ItemId): $($_.Exception.Message)"
    throw $Reason
}
Write-Host "Secret $ItemId refresh accepted by the Credentials Cache."
`;

const CHECKED = '# Certificates are checked (the cache host certificate must be trusted by the engine host).';
const LAB = [
  '# WARNING: LAB ONLY. Certificate checks are OFF: anyone on the network path can read the token and password.',
  'Write-Warning "LAB ONLY: certificate checks are disabled in this script."',
  '[System.Net.ServicePointManager]::ServerCertificateValidationCallback = { $true }',
].join('\n');

/** The script text for the options (CRLF-free, ends with a newline). */
export function cacheRefreshScript(opts: { labSkipCertificateCheck: boolean }): string {
  return TEMPLATE.replace('{{CERTIFICATES}}', opts.labSkipCertificateCheck ? LAB : CHECKED);
}

/** A unified-style line diff (`-` existing, `+` generated, two lines of context); empty when equal. */
export function lineDiff(before: string, after: string, labels = { before: 'existing', after: 'generated' }): string {
  const a = before.replace(/\r\n/g, '\n').split('\n');
  const b = after.replace(/\r\n/g, '\n').split('\n');
  const n = a.length;
  const m = b.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--) lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const ops: Array<[' ' | '-' | '+', string]> = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      ops.push([' ', a[i++]!]);
      j++;
    } else if (j < m && (i >= n || lcs[i]![j + 1]! >= lcs[i + 1]![j]!)) ops.push(['+', b[j++]!]);
    else ops.push(['-', a[i++]!]);
  }
  if (!ops.some(([k]) => k !== ' ')) return '';
  const keep = ops.map(([k], x) => k !== ' ' || ops.slice(Math.max(0, x - 2), x + 3).some(([o]) => o !== ' '));
  const out = [`--- ${labels.before}`, `+++ ${labels.after}`];
  ops.forEach(([k, line], x) => {
    if (keep[x]) out.push(`${k}${line}`);
    else if (keep[x - 1]) out.push('@@');
  });
  return out.join('\n');
}
