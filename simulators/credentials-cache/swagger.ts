/** The Swagger UI page the install guide uses as its reachability check (the real page loads JS bundles). */
export function swaggerHtml(basePath: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="UTF-8">
  <title>Swagger UI</title>
  <link rel="stylesheet" type="text/css" href="${basePath}/swagger/swagger-ui.css">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="${basePath}/swagger/swagger-ui-bundle.js" charset="UTF-8"></script>
  <script>
    window.onload = function () {
      window.ui = SwaggerUIBundle({ url: "${basePath}/swagger/v1/swagger.json", dom_id: '#swagger-ui' });
    };
  </script>
</body>
</html>
`;
}

/** A minimal OpenAPI document listing the endpoints the simulator serves (credential path is a guess). */
export function swaggerJson(): unknown {
  return {
    openapi: '3.0.1',
    info: { title: 'Delinea Credentials Cache (simulator)', version: 'v1' },
    paths: {
      '/api/token': { post: { summary: 'Token Generation' } },
      '/api/secretchanged': { post: { summary: 'Refresh Secret on Change Event' } },
      '/api/credential/{id}': { get: { summary: 'API Credential by ID (path is a guess)' } },
    },
    components: { securitySchemes: { Bearer: { type: 'http', scheme: 'bearer' } } },
  };
}
