// The OpenID provider the browser tests talk to: npm's oidc-provider, mounted under
// /realms/<realm> with Keycloak's endpoint paths, on 127.0.0.1 only, on a free port it prints.
// Two more "realms" answer discovery the ways misconfigured ones do: without CORS headers, and
// with an HTML page.
import http from 'node:http';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

// Arguments: the folder whose node_modules holds oidc-provider (.tools), then the realm.
const [tools, realm] = [process.argv[2], process.argv[3] ?? 'tenantry'];
const entry = createRequire(`${tools}/`).resolve('oidc-provider');
const { default: Provider } = await import(pathToFileURL(entry).href);

const mount = `/realms/${realm}`;
const kc = '/protocol/openid-connect';
const wellKnown = '/.well-known/openid-configuration';
let handle;

const server = http.createServer((req, res) => {
  if (req.url.startsWith(`${mount}/`)) {
    // Mounted the way connect does it, so the provider writes its URLs under the mount path.
    req.originalUrl = req.url;
    req.url = req.url.slice(mount.length);
    return handle(req, res);
  }
  if (req.url === `/realms/no-cors${wellKnown}`) {
    res.writeHead(200, { 'content-type': 'application/json' });
    return res.end('{}');
  }
  if (req.url === `/realms/not-json${wellKnown}`) {
    res.writeHead(200, { 'content-type': 'text/html', 'access-control-allow-origin': '*' });
    return res.end('<html><body>Welcome</body></html>');
  }
  res.writeHead(404, { 'access-control-allow-origin': '*' });
  return res.end('not found');
});

server.listen(0, '127.0.0.1', () => {
  const base = `http://127.0.0.1:${server.address().port}`;
  const provider = new Provider(`${base}${mount}`, {
    clients: [{ client_id: 'clearml', client_secret: 'clearml-secret', redirect_uris: [`${base}/callback_keycloak`] }],
    routes: {
      authorization: `${kc}/auth`,
      token: `${kc}/token`,
      userinfo: `${kc}/userinfo`,
      end_session: `${kc}/logout`,
      revocation: `${kc}/revoke`,
      jwks: `${kc}/certs`,
    },
    features: { revocation: { enabled: true }, devInteractions: { enabled: false } },
  });
  handle = provider.callback();
  console.log(`ready ${base}`);
});
