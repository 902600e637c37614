import Foundation

/// A JSON value whose objects keep their keys in the order they were given, so records
/// are written with `v`, `kind` and `doc` first and byte-identical from run to run.
public indirect enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int)
    /// An exact decimal number, written in plain notation (`2500000000`, `2.5`).
    case decimal(Decimal)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (a: JSONValue, b: JSONValue) -> Bool {
        switch (a, b) {
        case (.null, .null): true
        case let (.bool(x), .bool(y)): x == y
        case let (.int(x), .int(y)): x == y
        case let (.decimal(x), .decimal(y)): x == y
        case let (.string(x), .string(y)): x == y
        case let (.array(x), .array(y)): x == y
        case let (.object(x), .object(y)): x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: false
        }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(serialized())
    }

    /// A string value, or null for nil.
    public static func optional(_ text: String?) -> JSONValue {
        text.map(JSONValue.string) ?? .null
    }

    /// The compact JSON text of the value, on one line.
    public func serialized() -> String {
        var output = ""
        write(to: &output)
        return output
    }

    /// Appends the compact JSON text of the value to `output`.
    public func write(to output: inout String) {
        switch self {
        case .null: output += "null"
        case .bool(let value): output += value ? "true" : "false"
        case .int(let value): output += String(value)
        case .decimal(let value): output += Self.plain(value)
        case .string(let value): Self.writeString(value, to: &output)
        case .array(let values):
            output += "["
            for (index, value) in values.enumerated() {
                if index > 0 { output += "," }
                value.write(to: &output)
            }
            output += "]"
        case .object(let members):
            output += "{"
            for (index, (key, value)) in members.enumerated() {
                if index > 0 { output += "," }
                Self.writeString(key, to: &output)
                output += ":"
                value.write(to: &output)
            }
            output += "}"
        }
    }

    /// A decimal without exponent or trailing zeros: `2500000000`, `0.5`, `-3.25`.
    static func plain(_ value: Decimal) -> String {
        var copy = value
        var rounded = Decimal()
        NSDecimalRound(&rounded, &copy, 12, .plain)
        return rounded.description
    }

    /// Writes a JSON string literal: quotes, backslashes and control characters escaped,
    /// U+2028 and U+2029 escaped for JavaScript readers, everything else as UTF-8.
    static func writeString(_ value: String, to output: inout String) {
        output += "\""
        // Runs of bytes that need no escape are copied whole; a run always ends before an
        // ASCII byte or the first byte of U+2028/U+2029, so it holds whole scalars.
        let bytes = value.utf8
        var runStart = bytes.startIndex
        var index = bytes.startIndex
        while index != bytes.endIndex {
            let byte = bytes[index]
            let escape: String?
            var next = bytes.index(after: index)
            switch byte {
            case 0x22: escape = "\\\""
            case 0x5C: escape = "\\\\"
            case 0x0A: escape = "\\n"
            case 0x0D: escape = "\\r"
            case 0x09: escape = "\\t"
            case 0x08: escape = "\\b"
            case 0x0C: escape = "\\f"
            case 0..<0x20:
                let hex = String(byte, radix: 16)
                escape = "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            case 0xE2:
                // U+2028 and U+2029 are E2 80 A8 and E2 80 A9.
                var probe = next
                if probe != bytes.endIndex, bytes[probe] == 0x80 {
                    probe = bytes.index(after: probe)
                    if probe != bytes.endIndex, bytes[probe] == 0xA8 || bytes[probe] == 0xA9 {
                        escape = bytes[probe] == 0xA8 ? "\\u2028" : "\\u2029"
                        next = bytes.index(after: probe)
                    } else {
                        escape = nil
                    }
                } else {
                    escape = nil
                }
            default: escape = nil
            }
            if let escape {
                if runStart != index { output += value[runStart..<index] }
                output += escape
                runStart = next
            }
            index = next
        }
        if runStart != bytes.endIndex { output += value[runStart..<bytes.endIndex] }
        output += "\""
    }
}

extension JSONValue {
    /// The value of `key` when this is an object that has it.
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.0 == key }?.1
    }

    /// The JSON text of the value over several lines, two spaces per level, for people to read.
    public func prettyPrinted() -> String {
        var output = ""
        writePretty(to: &output, indent: "")
        return output
    }

    private func writePretty(to output: inout String, indent: String) {
        let inner = indent + "  "
        switch self {
        case .array(let values) where !values.isEmpty && values.contains(where: \.isContainer):
            output += "[\n"
            for (index, value) in values.enumerated() {
                output += inner
                value.writePretty(to: &output, indent: inner)
                output += index < values.count - 1 ? ",\n" : "\n"
            }
            output += indent + "]"
        case .object(let members) where !members.isEmpty:
            output += "{\n"
            for (index, (key, value)) in members.enumerated() {
                output += inner
                Self.writeString(key, to: &output)
                output += ": "
                value.writePretty(to: &output, indent: inner)
                output += index < members.count - 1 ? ",\n" : "\n"
            }
            output += indent + "}"
        default:
            write(to: &output)
        }
    }

    private var isContainer: Bool {
        switch self {
        case .array, .object: true
        default: false
        }
    }
}
