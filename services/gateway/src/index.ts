export { build, type GatewayOptions, type GatewayShell, type RunningGateway } from './build.js';
export { configSpec, loadConfig, type GatewayConfig } from './config.js';
export { loadDemoIssuer, DEMO_AUDIENCE, type DemoIssuer, type IdTokenClaims, type TokenClaims } from './auth/demo-issuer.js';
export { ROLE_NAMES, STAFF_ROLES, CLAIMS, type RoleName } from './auth/roles.js';
export { ROUTES, API_PREFIX } from './app.js';
export { BUILT_WEB_ROOT } from './web.js';
