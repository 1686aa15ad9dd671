export { build, projections, type BuildOptions } from './build.js';
export type { SurveyApp } from './app/survey-app.js';
export { configSpec, loadConfig, type SurveyConfig } from './config.js';
