export { answersProblem, ELEMENTS, type Answers, type ElementCode } from './elements.js';
export { gradeOf, GRADE_MEANING, type Grade } from './grade.js';
export { computeIkm, sampleAdequacy, type ElementScore, type IkmResult, type SampleAdequacy } from './ikm.js';
export { inPeriod, parsePeriod, previousPeriod, type Period } from './period.js';
export { minimumSample } from './sample.js';
