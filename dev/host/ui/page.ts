export interface Bootstrap {
  readonly basePath: string;
  readonly version: string;
  readonly username: string;
  readonly capabilities: Record<string, Record<string, boolean>>;
}

/** The HTML Kibana would serve for /app/*: bootstrap data, a mount point, the bundle. */
export function renderPage(bootstrap: Bootstrap): string {
  const json = JSON.stringify(bootstrap).replace(/</g, '\\u003c');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Go Runtime - Elastic</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${bootstrap.basePath}/bundles/main.css">
<script id="kbn-bootstrap" type="application/json">${json}</script>
</head>
<body>
<div id="kibana-body"></div>
<script type="module" src="${bootstrap.basePath}/bundles/main.js"></script>
</body>
</html>`;
}
