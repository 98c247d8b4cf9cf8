// The locator lives in the core, so the app's preview places problems exactly as `check` does.
export {
  indexJson,
  jsonLocator,
  locateJsonPath,
  parseJson,
  type JsonIndex,
  type JsonParseResult,
  type Position,
} from '../core/json-locate.js';
