/**
 * The shared HTTP layer (undici): one dispatcher per profile, requests with timeout, cancel and
 * retry, JSON parsing that recognises HTML pages, and errors mapped to the contract's codes.
 */
export { createDispatcher, proxyAuthorization, readExtraCa, type DispatcherOptions, type ProxyAuth } from './dispatcher';
export { createHttpClient, type HttpClient, type HttpClientOptions, type HttpRequest, type HttpResponse, type RetryInfo } from './client';
export { buildUrl, type QueryValue } from './encode';
export { codeForStatus, errorCodeOf, hostOf, httpError, safeUrl, statusError, transportError, type HttpErrorDetails } from './errors';
export { htmlError, isHtml, parseJson, requestJson, responseError, serverMessage } from './json';
export { DEFAULT_RETRY, backoffDelay, isRetryableStatus, parseRetryAfter, realSleep, type RetryPolicy, type SleepFn } from './retry';
