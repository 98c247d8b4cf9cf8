import type { Definition, LeafItem } from '../../../core/index.js';
import { Localised } from '../Localised.js';
import { elementIdOf } from './element-id.js';

/** Text between the questions, with its help; nothing to answer. */
export function DisplayField({
  definition,
  item,
  language,
  elementKey = item.id,
}: {
  definition: Definition;
  item: Extract<LeafItem, { kind: 'display' }>;
  language: string;
  /** Unique on the page: in an entry of a repeating group, the entry's key for the item. */
  elementKey?: string | undefined;
}) {
  return (
    <div className="item item-display" id={elementIdOf(elementKey)}>
      <p>
        <Localised text={item.text} definition={definition} language={language} />
      </p>
      {item.help && (
        <p className="help">
          <Localised text={item.help} definition={definition} language={language} />
        </p>
      )}
    </div>
  );
}
