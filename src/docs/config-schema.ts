import { join } from "node:path";
import * as ts from "typescript";
import { projectRoot } from "../config/project-file";
import { DEFAULT_CONFIG, EMPTY_LIST_ELEMENTS } from "../topologies/project-config";
import { isPlainObject } from "../config/json-object";
import { JSON_LIMITS } from "../config/json-scan";
import { mayBeLeftOut, SCHEMA_KEY } from "../config/load";

/** The draft-07 subset the configuration's schema uses; VS Code's JSON language service reads draft-07 best. */
export interface JsonSchema {
  $schema?: string;
  title?: string;
  description?: string;
  type?: "object" | "array" | "string" | "integer" | "number" | "boolean";
  enum?: (string | number)[];
  properties?: Record<string, JsonSchema>;
  additionalProperties?: boolean | JsonSchema;
  required?: string[];
  items?: JsonSchema;
  maxItems?: number;
  maxLength?: number;
  default?: unknown;
}

/** The file that declares `ProjectConfig`, relative to the package root. */
const ENTRY = "src/topologies/project-config.ts";


/** The first paragraph of a JSDoc comment, on one line. */
function firstParagraph(text: string): string | undefined {
  const paragraph = text.trim().split(/\n\s*\n/)[0]?.replace(/\s+/g, " ").trim();
  return paragraph === "" ? undefined : paragraph;
}

class SchemaWriter {
  constructor(private readonly checker: ts.TypeChecker) {}

  private docOf(symbol: ts.Symbol | undefined): string | undefined {
    if (symbol === undefined) return undefined;
    const target = symbol.flags & ts.SymbolFlags.Alias ? this.checker.getAliasedSymbol(symbol) : symbol;
    return firstParagraph(ts.displayPartsToString(target.getDocumentationComment(this.checker)));
  }

  /** The property's JSDoc; failing that, that of the type it is declared with (`readonly alb: InternalAlbConfig`). */
  private describe(property: ts.Symbol, type: ts.Type): string | undefined {
    const declaration = property.valueDeclaration;
    const named = declaration && ts.isPropertySignature(declaration) && declaration.type && ts.isTypeReferenceNode(declaration.type)
      ? this.checker.getSymbolAtLocation(declaration.type.typeName)
      : undefined;
    return this.docOf(property) ?? this.docOf(named) ?? this.docOf(type.aliasSymbol ?? type.getSymbol());
  }

  /** `value` is the default at this place (the template element's, inside a list). */
  schemaOf(type: ts.Type, value: unknown, key: string): JsonSchema {
    const nonNull = this.checker.getNonNullableType(type);
    const members = nonNull.isUnion() ? nonNull.types : [nonNull];
    if (members.every((member) => member.isStringLiteral())) {
      return { type: "string", enum: members.map((member) => (member as ts.StringLiteralType).value) };
    }
    if (members.every((member) => member.isNumberLiteral())) {
      return { type: "integer", enum: members.map((member) => (member as ts.NumberLiteralType).value).sort((a, b) => a - b) };
    }
    if (nonNull.flags & ts.TypeFlags.BooleanLike) return { type: "boolean" };
    if (nonNull.flags & ts.TypeFlags.StringLike) return { type: "string", maxLength: JSON_LIMITS.stringLength };
    if (nonNull.flags & ts.TypeFlags.NumberLike) return { type: Number.isInteger(value) ? "integer" : "number" };
    if (this.checker.isArrayType(nonNull)) {
      const [element] = this.checker.getTypeArguments(nonNull as ts.TypeReference);
      const template = Array.isArray(value) && value.length > 0 ? value[0] : EMPTY_LIST_ELEMENTS[key];
      return { type: "array", items: this.schemaOf(element!, template, `${key}[]`), maxItems: JSON_LIMITS.entries };
    }
    const properties = this.checker.getPropertiesOfType(nonNull);
    const index = this.checker.getIndexInfoOfType(nonNull, ts.IndexKind.String);
    if (index && properties.length === 0) {
      return { type: "object", additionalProperties: this.schemaOf(index.type, undefined, `${key}.*`) };
    }
    if (nonNull.flags & ts.TypeFlags.Object || nonNull.isIntersection()) {
      return this.objectOf(properties, isPlainObject(value) ? value : {}, key);
    }
    throw new Error(`${key}: the schema cannot express the type ${this.checker.typeToString(type)}`);
  }

  /**
   * Every key is an optional override, except in a list element: the loader requires
   * each key whose template value is not "off", and the element inherits the rest.
   */
  private objectOf(properties: readonly ts.Symbol[], value: Record<string, unknown>, key: string): JsonSchema {
    const inList = key.endsWith("[]");
    const schemas: Record<string, JsonSchema> = {};
    const required: string[] = [];
    for (const property of properties) {
      const type = this.checker.getTypeOfSymbol(property);
      const childValue = value[property.name];
      const child = this.schemaOf(type, childValue, key === "" ? property.name : `${key}.${property.name}`);
      const description = this.describe(property, type);
      if (inList && !mayBeLeftOut(childValue)) required.push(property.name);
      // A fixed object's default is the defaults of its keys; an element's, only what it inherits.
      const withDefault = childValue !== undefined && !child.properties && (!inList || mayBeLeftOut(childValue));
      schemas[property.name] = { ...(description && { description }), ...child, ...(withDefault && { default: childValue }) };
    }
    return { type: "object", properties: schemas, additionalProperties: false, ...(required.length > 0 && { required }) };
  }
}

function generate(root: string): JsonSchema {
  const parsed = ts.parseJsonConfigFileContent(ts.readConfigFile(join(root, "tsconfig.json"), ts.sys.readFile).config, ts.sys, root);
  // The configuration's types use no Node.js types: leaving @types/node out saves a third of the time.
  const program = ts.createProgram([join(root, ENTRY)], { ...parsed.options, types: [], noEmit: true, incremental: false });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(join(root, ENTRY));
  const moduleSymbol = source && checker.getSymbolAtLocation(source);
  const symbol = moduleSymbol && checker.getExportsOfModule(moduleSymbol).find((exported) => exported.name === "ProjectConfig");
  if (!symbol) throw new Error(`${ENTRY} does not export ProjectConfig`);
  const writer = new SchemaWriter(checker);
  const body = writer.schemaOf(checker.getDeclaredTypeOfSymbol(symbol), DEFAULT_CONFIG, "");
  return {
    $schema: "http://json-schema.org/draft-07/schema#",
    title: "privnet configuration",
    description: "Overrides of the article defaults, read from the file named by PRIVNET_CONFIG. Generated from the code by `npm run docs`.",
    type: "object",
    properties: {
      [SCHEMA_KEY]: { description: "Path or URL of this schema, for editors; the app ignores it.", type: "string", maxLength: JSON_LIMITS.stringLength },
      ...body.properties,
    },
    additionalProperties: false,
  };
}

let cached: JsonSchema | undefined;

/**
 * The JSON Schema of the configuration file, generated from `ProjectConfig` and the JSDoc
 * of its types (read with the TypeScript compiler from the sources next to this code)
 * and the defaults in `DEFAULT_CONFIG`. Computed once per process: building the
 * program takes most of a second.
 */
export function configSchema(): JsonSchema {
  cached ??= generate(projectRoot());
  return cached;
}
