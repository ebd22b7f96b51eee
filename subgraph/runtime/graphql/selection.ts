/**
 * Field collection (fragments, inline fragments, `@skip`/`@include`) and graph-node's static checks
 * on a selection: unknown fields and the query complexity bound.
 */
import { type FieldNode, type FragmentDefinitionNode, Kind, type SelectionSetNode } from "graphql";
import type { FieldDef } from "../store/schema.ts";
import { astValue, type Variables } from "./arguments.ts";
import { positionOf, QueryError } from "./errors.ts";
import type { ApiModel } from "./model.ts";

export interface SelectionContext {
  model: ApiModel;
  vars: Variables;
  fragments: Map<string, FragmentDefinitionNode>;
}

function included(
  ctx: SelectionContext,
  node: {
    directives?: ReadonlyArray<{
      name: { value: string };
      arguments?: ReadonlyArray<{ name: { value: string }; value: import("graphql").ValueNode }>;
    }>;
  },
): boolean {
  for (const d of node.directives ?? []) {
    const ifArg = d.arguments?.find((a) => a.name.value === "if");
    const cond = ifArg ? astValue(ifArg.value, ctx.vars) === true : false;
    if (d.name.value === "skip" && cond) return false;
    if (d.name.value === "include" && !cond) return false;
  }
  return true;
}

/** Names a value of concrete type `typeName` answers to in type conditions (itself and its interfaces). */
export function typeNamesOf(ctx: SelectionContext, typeName: string): Set<string> {
  return new Set([typeName, ...(ctx.model.schema.entities.get(typeName)?.interfaces ?? [])]);
}

/** Response key → the field nodes selected under it, for a value answering to `typeNames`. */
export function collectFields(
  ctx: SelectionContext,
  typeNames: Set<string>,
  sets: ReadonlyArray<SelectionSetNode | undefined>,
  out = new Map<string, FieldNode[]>(),
  seen = new Set<string>(),
): Map<string, FieldNode[]> {
  for (const set of sets) {
    for (const sel of set?.selections ?? []) {
      if (!included(ctx, sel)) continue;
      if (sel.kind === Kind.FIELD) {
        const key = sel.alias?.value ?? sel.name.value;
        const list = out.get(key) ?? [];
        if (list.length > 0 && list[0].name.value !== sel.name.value) {
          throw new QueryError(
            `Fields \`${list[0].name.value}\` and \`${sel.name.value}\` conflict because they have the same response key \`${key}\``,
            positionOf(sel),
          );
        }
        list.push(sel);
        out.set(key, list);
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        if (!sel.typeCondition || typeNames.has(sel.typeCondition.name.value)) collectFields(ctx, typeNames, [sel.selectionSet], out, seen);
      } else {
        const name = sel.name.value;
        const frag = ctx.fragments.get(name);
        if (!frag) throw new QueryError(`fragment \`${name}\` is not defined`, positionOf(sel));
        if (seen.has(name)) throw new QueryError(`query has fragment cycle including \`${name}\``, positionOf(sel));
        if (typeNames.has(frag.typeCondition.name.value)) collectFields(ctx, typeNames, [frag.selectionSet], out, new Set([...seen, name]));
      }
    }
  }
  return out;
}

/** The schema field of an entity, interface or aggregation type, or undefined. */
export function fieldOfType(ctx: SelectionContext, typeName: string, name: string): FieldDef | undefined {
  return ctx.model.types.get(typeName)?.fields.find((f) => f.name === name);
}

/** graph-node's static check: every selected field exists on its type ("Type `X` has no field `y`"). */
export function validateFields(
  ctx: SelectionContext,
  typeName: string,
  set: SelectionSetNode | undefined,
  errors: QueryError[],
  seen = new Set<string>(),
): void {
  for (const sel of set?.selections ?? []) {
    if (sel.kind === Kind.FIELD) {
      const name = sel.name.value;
      if (name === "__typename") continue;
      const field = fieldOfType(ctx, typeName, name);
      if (!field) errors.push(new QueryError(`Type \`${typeName}\` has no field \`${name}\``, positionOf(sel)));
      else if (field.kind === "Ref" && sel.selectionSet) validateFields(ctx, field.typeName, sel.selectionSet, errors, seen);
    } else if (sel.kind === Kind.INLINE_FRAGMENT) {
      validateFields(ctx, sel.typeCondition?.name.value ?? typeName, sel.selectionSet, errors, seen);
    } else {
      const frag = ctx.fragments.get(sel.name.value);
      if (frag && !seen.has(sel.name.value))
        validateFields(ctx, frag.typeCondition.name.value, frag.selectionSet, errors, new Set([...seen, sel.name.value]));
    }
  }
}
