import { getMetadataStorage } from 'class-validator';

type Storage = ReturnType<typeof getMetadataStorage>;
type Metadatas = ReturnType<Storage['getTargetValidationMetadatas']>;
type Grouped = ReturnType<Storage['groupByPropertyName']>;

let installed = false;

/**
 * class-validator looks up a class's rules on every validation by scanning the rules of every DTO in the
 * app (an `instanceof` per class, for inherited rules), then groups them by property: ~40% of validating a
 * registration. The rules only change when a decorator runs, i.e. while modules load, so the answers are
 * kept until a rule is added. The arrays are shared: class-validator only reads them.
 */
export function cacheValidationMetadata(storage: Storage = getMetadataStorage()): void {
  if (installed) return;
  installed = true;
  let targets = new WeakMap<object, Map<string, Metadatas>>();
  let groupings = new WeakMap<Metadatas, Grouped>();
  const forget = () => {
    targets = new WeakMap();
    groupings = new WeakMap();
  };
  const lookUp = storage.getTargetValidationMetadatas.bind(storage);
  const group = storage.groupByPropertyName.bind(storage);
  const addValidation = storage.addValidationMetadata.bind(storage);
  const addConstraint = storage.addConstraintMetadata.bind(storage);

  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    const key = `${schema}\u0000${always}\u0000${strictGroups}\u0000${groups?.join('\u0001') ?? ''}`;
    let byOptions = targets.get(target);
    if (!byOptions) {
      byOptions = new Map();
      targets.set(target, byOptions);
    }
    let found = byOptions.get(key);
    if (!found) {
      found = lookUp(target, schema, always, strictGroups, groups);
      byOptions.set(key, found);
    }
    return found;
  };
  storage.groupByPropertyName = (metadatas) => {
    let grouped = groupings.get(metadatas);
    if (!grouped) {
      grouped = group(metadatas);
      groupings.set(metadatas, grouped);
    }
    return grouped;
  };
  storage.addValidationMetadata = (metadata) => {
    forget();
    addValidation(metadata);
  };
  storage.addConstraintMetadata = (metadata) => {
    forget();
    addConstraint(metadata);
  };
}
