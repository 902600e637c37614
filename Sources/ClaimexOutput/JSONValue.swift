import Foundation

/// A JSON value whose objects keep their keys in the order they were given, so records
/// are written with `v`, `kind` and `doc` first and byte-identical from run to run.
public enum JSONValue: Sendable, Hashable {
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
        var bytes: [UInt8] = []
        write(to: &bytes)
        output += String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the compact JSON text of the value to `output`, as UTF-8: how records are
    /// written, a byte buffer taking appends much more cheaply than a string.
    public func write(to output: inout [UInt8]) {
        switch self {
        case .null: output.append(contentsOf: "null".utf8)
        case .bool(let value): output.append(contentsOf: (value ? "true" : "false").utf8)
        case .int(let value): output.append(contentsOf: String(value).utf8)
        case .decimal(let value): output.append(contentsOf: Self.plain(value).utf8)
        case .string(let value): Self.writeString(value, to: &output)
        case .array(let values):
            output.append(0x5B) // [
            for (index, value) in values.enumerated() {
                if index > 0 { output.append(0x2C) } // ,
                value.write(to: &output)
            }
            output.append(0x5D) // ]
        case .object(let members):
            output.append(0x7B) // {
            for (index, (key, value)) in members.enumerated() {
                if index > 0 { output.append(0x2C) } // ,
                Self.writeString(key, to: &output)
                output.append(0x3A) // :
                value.write(to: &output)
            }
            output.append(0x7D) // }
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
        var bytes: [UInt8] = []
        writeString(value, to: &bytes)
        output += String(decoding: bytes, as: UTF8.self)
    }

    static func writeString(_ value: String, to output: inout [UInt8]) {
        output.append(0x22)
        var value = value
        value.withUTF8 { bytes in
            // Runs of bytes that need no escape are copied whole; a run always ends before
            // an ASCII byte or the first byte of U+2028/U+2029, so it holds whole scalars.
            var runStart = 0
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                // Nearly every byte: printable ASCII other than `"` and `\`, or part of a
                // multi-byte scalar that is not U+2028/U+2029.
                if byte >= 0x20 && byte != 0x22 && byte != 0x5C && byte != 0xE2 {
                    index += 1
                    continue
                }
                var next = index + 1
                let escape: String?
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
                default:
                    // 0xE2: U+2028 and U+2029 are E2 80 A8 and E2 80 A9.
                    if index + 2 < bytes.count, bytes[index + 1] == 0x80, bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9 {
                        escape = bytes[index + 2] == 0xA8 ? "\\u2028" : "\\u2029"
                        next = index + 3
                    } else {
                        escape = nil
                    }
                }
                if let escape {
                    output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                    output.append(contentsOf: escape.utf8)
                    runStart = next
                }
                index = next
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<bytes.count]))
        }
        output.append(0x22)
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
