/**
 * `$jsonSchema` queries (Command.jsonSchema): mingo evaluates the operator but leaves the validator to
 * its caller. MongoDB's dialect is JSON Schema draft 4 plus `bsonType`, which ajv does not know; it
 * is added here as a keyword over the value types the emulator stores.
 */
import Ajv from 'ajv'

const ajv = new Ajv({ schemaId: 'auto', unknownFormats: 'ignore', strictKeywords: false })

const BSON_TYPES: Record<string, (v: unknown) => boolean> = {
  double: (v) => typeof v === 'number' && !Number.isInteger(v),
  int: (v) => typeof v === 'number' && Number.isInteger(v) && Math.abs(v) <= 0x7fffffff,
  long: (v) => typeof v === 'number' && Number.isInteger(v),
  decimal: () => false,
  number: (v) => typeof v === 'number',
  string: (v) => typeof v === 'string',
  bool: (v) => typeof v === 'boolean',
  null: (v) => v === null,
  date: (v) => v instanceof Date,
  regex: (v) => v instanceof RegExp,
  array: Array.isArray,
  object: (v) => v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date) && !(v instanceof RegExp),
  objectId: () => false,
  binData: () => false,
}

ajv.addKeyword('bsonType', {
  validate: (types: string | string[], data: unknown) => (Array.isArray(types) ? types : [types]).some((t) => BSON_TYPES[t]?.(data) ?? false),
  errors: false,
})

/** mingo's `jsonSchemaValidator` option: a compiled predicate per schema (ajv caches compilations). */
export function jsonSchemaValidator(schema: Record<string, unknown>): (doc: unknown) => boolean {
  const validate = ajv.compile(schema)
  return (doc) => validate(doc) as boolean
}
