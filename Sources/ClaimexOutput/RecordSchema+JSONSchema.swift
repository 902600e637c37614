extension RecordSchema {
    /// The JSON Schema (draft 2020-12) of every record: one `$defs` entry per kind and per
    /// shared shape (`span`, `party`, `amount`, ...), and a top level that accepts any kind.
    /// Objects allow no fields beyond those listed, so a new field shows up here first.
    public static func jsonSchema() -> JSONValue {
        var builder = JSONSchemaBuilder()
        for kind in kinds {
            builder.define(kind.name, builder.objectSchema(kind.fields, title: kind.name, summary: kind.summary))
        }
        // Kinds first, in record order, then the shapes they share.
        let definitions = builder.definitions.filter { kind(named: $0.0) != nil } + builder.definitions.filter { kind(named: $0.0) == nil }
        let kindRefs = kinds.map { JSONValue.object([("$ref", .string("#/$defs/\($0.name)"))]) }
        return .object([
            ("$schema", .string("https://json-schema.org/draft/2020-12/schema")),
            ("title", .string("claimex records, version \(RecordEncoder.contractVersion)")),
            ("description", .string("One JSON object per line of `claimex extract` output; `kind` tells which definition applies.")),
            ("oneOf", .array(kindRefs)),
            ("$defs", .object(definitions)),
        ])
    }
}

/// Collects shared definitions while turning fields into schema objects.
private struct JSONSchemaBuilder {
    private(set) var definitions: [(String, JSONValue)] = []

    mutating func define(_ name: String, _ schema: JSONValue) {
        guard !definitions.contains(where: { $0.0 == name }) else { return }
        definitions.append((name, schema))
    }

    mutating func objectSchema(_ fields: [Field], title: String? = nil, summary: String? = nil) -> JSONValue {
        var members: [(String, JSONValue)] = []
        if let title { members.append(("title", .string(title))) }
        if let summary { members.append(("description", .string(summary))) }
        members.append(("type", .string("object")))
        let properties: [(String, JSONValue)] = fields.map { field in
            (field.name, schema(for: field.type, summary: field.summary))
        }
        members.append(("properties", .object(properties)))
        members.append(("required", .array(fields.filter(\.isRequired).map { .string($0.name) })))
        members.append(("additionalProperties", .bool(false)))
        return .object(members)
    }

    mutating func schema(for type: FieldType, summary: String? = nil) -> JSONValue {
        var members = body(for: type)
        if let summary {
            // A `$ref` carries its own description only alongside; keep it readable either way.
            members.insert(("description", .string(summary)), at: 0)
        }
        return .object(members)
    }

    private mutating func body(for type: FieldType) -> [(String, JSONValue)] {
        switch type {
        case .string:
            return [("type", .string("string"))]
        case .constantString(let value):
            return [("const", .string(value))]
        case .constantInteger(let value):
            return [("const", .int(value))]
        case .hexID:
            return [("type", .string("string")), ("pattern", .string("^[0-9a-f]{16}$"))]
        case .currencyCode:
            return [("type", .string("string")), ("pattern", .string("^[A-Z]{3}$"))]
        case .integer:
            return [("type", .string("integer"))]
        case .number:
            return [("type", .string("number"))]
        case .boolean:
            return [("type", .string("boolean"))]
        case .choice(let values):
            return [("enum", .array(values.map(JSONValue.string)))]
        case .nullable(let inner):
            return [("anyOf", .array([.object([("type", .string("null"))]), .object(body(for: inner))]))]
        case .span:
            define("span", .object([
                ("description", .string("[start, end) in Unicode code points of the article's text")),
                ("type", .string("array")),
                ("prefixItems", .array([.object([("type", .string("integer")), ("minimum", .int(0))]),
                                        .object([("type", .string("integer")), ("minimum", .int(0))])])),
                ("items", .bool(false)),
                ("minItems", .int(2)),
            ]))
            return [("$ref", .string("#/$defs/span"))]
        case .array(let element, let count):
            var members: [(String, JSONValue)] = [("type", .string("array")), ("items", .object(body(for: element)))]
            if let count { members += [("minItems", .int(count)), ("maxItems", .int(count))] }
            return members
        case .object(let name, let fields):
            let schema = objectSchema(fields, title: name)
            define(name, schema)
            return [("$ref", .string("#/$defs/\(name)"))]
        }
    }
}
