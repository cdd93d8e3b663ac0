/**
 * What runs a flow on a call, without reading flow files: the renderer imports this, so the
 * YAML parser and the validator stay on the main side (shared/flows/index adds them).
 */

export type { UtilityLines } from '../utilities/lines';
export * from './answers';
export * from './context';
export * from './engine';
export * from './issues';
export * from './notes';
export type {
  AnswerSpec,
  Condition,
  FlowAction,
  FlowDefinition,
  FlowDefinitionInput,
  FlowStep,
  Localized,
  PromptLocale,
  StepKind,
  StepOf,
} from './schema';
export * from './template';
export type { UtilityFacts } from './utility-facts';
export * from './variables';
