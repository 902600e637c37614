/// The WHATWG "prescan a byte stream to determine its encoding" algorithm, over the first
/// 1024 bytes of a page: the first `<meta charset>` or `<meta http-equiv=Content-Type
/// content="...; charset=...">` naming a known encoding decides it.
struct MetaPrescan {
    /// The encoding found and the label that named it, or nil.
    private(set) var result: (PageEncoding, String)?
    /// Labels seen in `<meta>` that name no known encoding, in order.
    private(set) var rejectedLabels: [String] = []

    private let bytes: [UInt8]
    private var position = 0

    init(_ bytes: some Collection<UInt8>) {
        self.bytes = Array(bytes)
        scan()
    }

    private mutating func scan() {
        while position < bytes.count {
            if matches("<!--") {
                position = find("-->", from: position + 4).map { $0 + 3 } ?? bytes.count
            } else if matchesCaseInsensitive("<meta"), position + 5 < bytes.count,
                      Self.isSpaceOrSlash(bytes[position + 5]) {
                position += 6
                if let found = readMeta() {
                    result = found
                    return
                }
            } else if byte(at: position) == UInt8(ascii: "<"),
                      let next = byte(at: position + 1),
                      Self.isASCIILetter(next) || (next == UInt8(ascii: "/") && byte(at: position + 2).map(Self.isASCIILetter) == true) {
                // Any other tag: skip its name and attributes so their values are not read as markup.
                while position < bytes.count, !Self.isWhitespace(bytes[position]), bytes[position] != UInt8(ascii: ">") {
                    position += 1
                }
                while readAttribute() != nil {}
            } else if matches("<!") || matches("</") || matches("<?") {
                position = find(">", from: position + 2).map { $0 + 1 } ?? bytes.count
            } else {
                position += 1
            }
        }
    }

    /// Reads one `<meta>`'s attributes and returns the encoding it declares, if any.
    private mutating func readMeta() -> (PageEncoding, String)? {
        var seen: Set<String> = []
        var gotPragma = false
        var needPragma: Bool?
        var charset: String?
        while let (name, value) = readAttribute() {
            guard seen.insert(name).inserted else { continue }
            switch name {
            case "http-equiv":
                if value.lowercased() == "content-type" { gotPragma = true }
            case "content":
                if charset == nil, let declared = Self.charset(inContent: value) {
                    charset = declared
                    needPragma = true
                }
            case "charset":
                charset = value
                needPragma = false
            default:
                break
            }
        }
        guard let needPragma, let charset, !(needPragma && !gotPragma) else { return nil }
        guard let encoding = PageEncoding.forLabel(charset) else {
            rejectedLabels.append(charset)
            return nil
        }
        // A page that reached the prescan had no UTF-16 BOM, so a UTF-16 label is wrong;
        // browsers read such pages as UTF-8.
        switch encoding {
        case .utf16LE, .utf16BE: return (.utf8, charset)
        default: return (encoding, charset)
        }
    }

    /// The "get an attribute" step: one name/value pair, or nil at the end of the tag.
    private mutating func readAttribute() -> (String, String)? {
        while position < bytes.count, Self.isWhitespace(bytes[position]) || bytes[position] == UInt8(ascii: "/") {
            position += 1
        }
        guard position < bytes.count, bytes[position] != UInt8(ascii: ">") else {
            if position < bytes.count { position += 1 }
            return nil
        }
        var name: [UInt8] = []
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "=") && !name.isEmpty { break }
            if Self.isWhitespace(byte) || byte == UInt8(ascii: "/") || byte == UInt8(ascii: ">") { break }
            name.append(Self.lower(byte))
            position += 1
        }
        while position < bytes.count, Self.isWhitespace(bytes[position]) { position += 1 }
        guard position < bytes.count, bytes[position] == UInt8(ascii: "=") else {
            return (String(decoding: name, as: UTF8.self), "")
        }
        position += 1
        while position < bytes.count, Self.isWhitespace(bytes[position]) { position += 1 }
        var value: [UInt8] = []
        if position < bytes.count, bytes[position] == UInt8(ascii: "\"") || bytes[position] == UInt8(ascii: "'") {
            let quote = bytes[position]
            position += 1
            while position < bytes.count, bytes[position] != quote {
                value.append(Self.lower(bytes[position]))
                position += 1
            }
            position += 1
        } else {
            while position < bytes.count, !Self.isWhitespace(bytes[position]), bytes[position] != UInt8(ascii: ">") {
                value.append(Self.lower(bytes[position]))
                position += 1
            }
        }
        return (String(decoding: name, as: UTF8.self), String(decoding: value, as: UTF8.self))
    }

    /// The charset named in a `content` attribute (`text/html; charset=utf-8`), or nil.
    static func charset(inContent content: String) -> String? {
        let bytes = Array(content.utf8)
        var index = 0
        let key = Array("charset".utf8)
        while index + key.count <= bytes.count {
            if bytes[index..<(index + key.count)].map(lower).elementsEqual(key) {
                var cursor = index + key.count
                while cursor < bytes.count, isWhitespace(bytes[cursor]) { cursor += 1 }
                guard cursor < bytes.count, bytes[cursor] == UInt8(ascii: "=") else {
                    index += key.count
                    continue
                }
                cursor += 1
                while cursor < bytes.count, isWhitespace(bytes[cursor]) { cursor += 1 }
                guard cursor < bytes.count else { return nil }
                if bytes[cursor] == UInt8(ascii: "\"") || bytes[cursor] == UInt8(ascii: "'") {
                    let quote = bytes[cursor]
                    guard let close = bytes[(cursor + 1)...].firstIndex(of: quote) else { return nil }
                    return String(decoding: bytes[(cursor + 1)..<close], as: UTF8.self)
                }
                var end = cursor
                while end < bytes.count, !isWhitespace(bytes[end]), bytes[end] != UInt8(ascii: ";") { end += 1 }
                return String(decoding: bytes[cursor..<end], as: UTF8.self)
            }
            index += 1
        }
        return nil
    }

    // MARK: - Bytes

    private func byte(at index: Int) -> UInt8? { index < bytes.count ? bytes[index] : nil }

    private func matches(_ literal: String) -> Bool {
        let pattern = Array(literal.utf8)
        guard position + pattern.count <= bytes.count else { return false }
        return bytes[position..<(position + pattern.count)].elementsEqual(pattern)
    }

    private func matchesCaseInsensitive(_ literal: String) -> Bool {
        let pattern = Array(literal.utf8)
        guard position + pattern.count <= bytes.count else { return false }
        return bytes[position..<(position + pattern.count)].map(Self.lower).elementsEqual(pattern)
    }

    private func find(_ literal: String, from start: Int) -> Int? {
        let pattern = Array(literal.utf8)
        var index = start
        while index + pattern.count <= bytes.count {
            if bytes[index..<(index + pattern.count)].elementsEqual(pattern) { return index }
            index += 1
        }
        return nil
    }

    private static func lower(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x09 || byte == 0x0A || byte == 0x0C || byte == 0x0D || byte == 0x20
    }

    private static func isSpaceOrSlash(_ byte: UInt8) -> Bool { isWhitespace(byte) || byte == UInt8(ascii: "/") }

    private static func isASCIILetter(_ byte: UInt8) -> Bool {
        (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
    }
}
