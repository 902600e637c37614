import Foundation

/// A parsed JSON value that keeps booleans, integers and other numbers apart.
indirect enum JSONNode: Decodable, Equatable {
    case null
    case bool(Bool)
    case integer(Int)
    case number(Double)
    case string(String)
    case array([JSONNode])
    case object([String: JSONNode])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let flag = try? container.decode(Bool.self) {
            self = .bool(flag)
        } else if let number = try? container.decode(Int.self) {
            self = .integer(number)
        } else if let number = try? container.decode(Double.self) {
            self = .number(number)
        } else if let text = try? container.decode(String.self) {
            self = .string(text)
        } else if let elements = try? container.decode([JSONNode].self) {
            self = .array(elements)
        } else {
            self = .object(try container.decode([String: JSONNode].self))
        }
    }

    static func parse(_ text: String) throws -> JSONNode {
        try JSONDecoder().decode(JSONNode.self, from: Data(text.utf8))
    }

    var keySet: Set<String> {
        if case .object(let members) = self { return Set(members.keys) }
        return []
    }

    subscript(key: String) -> JSONNode? {
        if case .object(let members) = self { return members[key] }
        return nil
    }
}

extension JSONNode: CustomStringConvertible {
    /// Compact JSON-like text for messages.
    var description: String {
        switch self {
        case .null: "null"
        case .bool(let flag): String(flag)
        case .integer(let number): String(number)
        case .number(let number): String(number)
        case .string(let text): "\"\(text)\""
        case .array(let elements): "[" + elements.map(\.description).joined(separator: ", ") + "]"
        case .object(let members): "{" + members.keys.sorted().map { "\"\($0)\": \(members[$0]!)" }.joined(separator: ", ") + "}"
        }
    }
}

/// Checks JSON values against the part of JSON Schema (draft 2020-12) that `claimex schema`
/// uses: `$ref` into `#/$defs`, `type`, `const`, `enum`, `pattern`, `minimum`, `properties`,
/// `required`, `additionalProperties: false`, `items`, `prefixItems`, `minItems`, `maxItems`,
/// `anyOf` and `oneOf`. A keyword it does not know is an error, so the schema cannot grow
/// past what this checks unnoticed.
struct SchemaValidator {
    let root: JSONNode

    static let annotations: Set<String> = ["$schema", "title", "description", "$defs"]

    /// Every problem of `value`, each as `path: what`; empty when it is valid.
    func problems(of value: JSONNode) -> [String] {
        var found: [String] = []
        check(value, against: root, at: "$", into: &found)
        return found
    }

    private func check(_ value: JSONNode, against schema: JSONNode, at path: String, into found: inout [String]) {
        if case .bool(let allowed) = schema {
            if !allowed { found.append("\(path): no value is allowed here") }
            return
        }
        guard case .object(let keywords) = schema else {
            found.append("\(path): the schema is not an object")
            return
        }
        for (keyword, argument) in keywords.sorted(by: { $0.key < $1.key }) {
            switch keyword {
            case _ where Self.annotations.contains(keyword):
                continue
            case "$ref":
                guard case .string(let reference) = argument, reference.hasPrefix("#/$defs/"),
                      let target = root["$defs"]?[String(reference.dropFirst("#/$defs/".count))] else {
                    found.append("\(path): unresolvable $ref \(argument)")
                    continue
                }
                check(value, against: target, at: path, into: &found)
            case "type":
                let names: [String]
                switch argument {
                case .string(let name): names = [name]
                case .array(let list): names = list.compactMap { if case .string(let name) = $0 { name } else { nil } }
                default: names = []
                }
                if !names.contains(where: { Self.has(value, type: $0) }) {
                    found.append("\(path): expected \(names.joined(separator: " or ")), found \(Self.typeName(value))")
                }
            case "const":
                if value != argument { found.append("\(path): expected \(argument), found \(value)") }
            case "enum":
                guard case .array(let allowed) = argument else { continue }
                if !allowed.contains(value) { found.append("\(path): \(value) is not one of \(allowed)") }
            case "pattern":
                guard case .string(let text) = value, case .string(let pattern) = argument else { continue }
                if text.range(of: pattern, options: .regularExpression) == nil {
                    found.append("\(path): '\(text)' does not match \(pattern)")
                }
            case "minimum":
                guard let number = Self.double(value), let minimum = Self.double(argument) else { continue }
                if number < minimum { found.append("\(path): \(number) is below \(minimum)") }
            case "properties":
                guard case .object(let members) = value, case .object(let properties) = argument else { continue }
                for (name, member) in members.sorted(by: { $0.key < $1.key }) {
                    if let property = properties[name] {
                        check(member, against: property, at: path + "." + name, into: &found)
                    }
                }
            case "required":
                guard case .object(let members) = value, case .array(let names) = argument else { continue }
                for case .string(let name) in names where members[name] == nil {
                    found.append("\(path): missing required field '\(name)'")
                }
            case "additionalProperties":
                guard case .object(let members) = value else { continue }
                let known: Set<String> = schema["properties"]?.keySet ?? []
                for name in members.keys.sorted() where !known.contains(name) {
                    check(members[name]!, against: argument, at: path + "." + name, into: &found)
                }
            case "items":
                guard case .array(let elements) = value else { continue }
                let skip = schema["prefixItems"].flatMap { if case .array(let prefix) = $0 { prefix.count } else { nil } } ?? 0
                for (index, element) in elements.enumerated().dropFirst(skip) {
                    check(element, against: argument, at: "\(path)[\(index)]", into: &found)
                }
            case "prefixItems":
                guard case .array(let elements) = value, case .array(let schemas) = argument else { continue }
                for (index, (element, elementSchema)) in zip(elements, schemas).enumerated() {
                    check(element, against: elementSchema, at: "\(path)[\(index)]", into: &found)
                }
            case "minItems", "maxItems":
                guard case .array(let elements) = value, case .integer(let bound) = argument else { continue }
                if keyword == "minItems" ? elements.count < bound : elements.count > bound {
                    found.append("\(path): \(elements.count) items, \(keyword) is \(bound)")
                }
            case "anyOf", "oneOf":
                guard case .array(let options) = argument else { continue }
                let passing = options.filter { option in
                    var sub: [String] = []
                    check(value, against: option, at: path, into: &sub)
                    return sub.isEmpty
                }.count
                if passing == 0 || (keyword == "oneOf" && passing > 1) {
                    found.append("\(path): \(passing) of the \(keyword) schemas match")
                }
            default:
                found.append("\(path): the validator does not know the keyword '\(keyword)'")
            }
        }
    }

    static func has(_ value: JSONNode, type: String) -> Bool {
        switch (type, value) {
        case ("null", .null), ("boolean", .bool), ("integer", .integer), ("number", .integer), ("number", .number),
             ("string", .string), ("array", .array), ("object", .object): true
        default: false
        }
    }

    static func typeName(_ value: JSONNode) -> String {
        switch value {
        case .null: "null"
        case .bool: "boolean"
        case .integer: "integer"
        case .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }

    static func double(_ value: JSONNode) -> Double? {
        switch value {
        case .integer(let number): Double(number)
        case .number(let number): number
        default: nil
        }
    }
}
