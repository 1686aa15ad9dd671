export { build } from './build.js';
export { configSpec, loadConfig, type SurveyConfig } from './config.js';
