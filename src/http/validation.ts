import { Ajv, type Options } from 'ajv';
import addFormatsImport from 'ajv-formats';
import type { FastifySchemaCompiler, FastifySerializerCompiler } from 'fastify';
import fastJson from 'fast-json-stringify';

const addFormats = addFormatsImport as unknown as (ajv: Ajv) => Ajv;

const common: Options = { allErrors: true, useDefaults: true, removeAdditional: false, strict: false };

// Bodies are JSON and must have the right types: "5" is not a number. Query strings and params are
// always text, so they are coerced.
const bodyAjv = addFormats(new Ajv({ ...common, coerceTypes: false }));
const textAjv = addFormats(new Ajv({ ...common, coerceTypes: 'array' }));

export const validatorCompiler: FastifySchemaCompiler<unknown> = ({ schema, httpPart }) =>
  (httpPart === 'body' ? bodyAjv : textAjv).compile(schema as object);

/** A body validator outside a route (imports check each spreadsheet row as the single-record route would). */
export const compileBodyValidator = (schema: object) => bodyAjv.compile(schema);

// Response serializers, compiled once per response schema for the process. The routes' schemas are
// module constants, so every app built in one process (the tests build one or two a file, about a
// hundred a run, each compiling ~0.4 s of serializers) shares them; the service builds one app and is
// unaffected. What fastify's default does (no shared schemas are added: nothing else feeds the output).
const serializers = new WeakMap<object, (data: unknown) => string>();
export const serializerCompiler: FastifySerializerCompiler<unknown> = ({ schema }) => {
  let serialize = serializers.get(schema as object);
  if (!serialize) serializers.set(schema as object, (serialize = fastJson(schema as object)));
  return serialize;
};
