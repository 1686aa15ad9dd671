export { demoMall, type DemoOptions } from './demo-mall.js';
