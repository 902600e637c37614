#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ClaimexModel

/// A page's bytes decoded to UTF-8, with the encoding that was used and any notes.
struct DecodedPage: Sendable {
    var utf8: [UInt8]
    var encoding: DetectedEncoding
    var diagnostics: [Diagnostic]
}

/// Decodes a page's bytes the way browsers do.
///
/// A byte order mark wins; then a charset declared by `<meta>` in the first 1024 bytes
/// (the WHATWG prescan); then UTF-8 when the bytes are valid UTF-8; else windows-1252.
/// Unknown labels are noted and skipped, never fatal.
struct TextDecoder: Sendable {
    /// How many bytes the `<meta>` prescan looks at, as in browsers.
    static let prescanLength = 1024

    func decode(_ bytes: [UInt8]) throws(HTMLError) -> DecodedPage {
        if bytes.isEmpty || bytes.allSatisfy(Self.isASCIIWhitespace) {
            throw .empty
        }
        if let kind = Self.binarySignature(bytes) {
            throw .binary(kind)
        }
        var diagnostics: [Diagnostic] = []

        // 1. A byte order mark.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            return finish(.utf8, bytes, from: 3, DetectedEncoding(name: "UTF-8", source: .byteOrderMark), diagnostics)
        }
        if bytes.starts(with: [0xFF, 0xFE]) {
            return finish(.utf16LE, bytes, from: 2, DetectedEncoding(name: "UTF-16LE", source: .byteOrderMark), diagnostics)
        }
        if bytes.starts(with: [0xFE, 0xFF]) {
            return finish(.utf16BE, bytes, from: 2, DetectedEncoding(name: "UTF-16BE", source: .byteOrderMark), diagnostics)
        }

        // UTF-16 without a BOM shows as a zero in every other byte of ASCII markup; the
        // prescan below cannot read such a page at all.
        if let utf16 = Self.sniffUTF16(bytes) {
            return finish(utf16, bytes, from: 0, DetectedEncoding(name: utf16.name, source: .utf16Sniffing), diagnostics)
        }

        // 2. A declaration in the first 1024 bytes.
        let prescan = MetaPrescan(bytes.prefix(Self.prescanLength))
        for label in prescan.rejectedLabels {
            diagnostics.append(Diagnostic(.warning, "unknown charset label '\(label)' in <meta>; ignored"))
        }
        if let (encoding, label) = prescan.result {
            return finish(encoding, bytes, from: 0, DetectedEncoding(name: encoding.name, source: .meta, declaredLabel: label), diagnostics)
        }

        // 3. Valid UTF-8, else 4. windows-1252.
        if Self.isValidUTF8(bytes) {
            return finish(.utf8, bytes, from: 0, DetectedEncoding(name: "UTF-8", source: .utf8Sniffing), diagnostics, validUTF8: true)
        }
        diagnostics.append(Diagnostic(.note, "no charset declared and the bytes are not UTF-8; read as windows-1252"))
        return finish(.windows1252, bytes, from: 0, DetectedEncoding(name: "windows-1252", source: .fallback), diagnostics)
    }

    /// The page's body (`bytes` from `start`, after a byte order mark) in UTF-8. A body that
    /// is the whole page and valid UTF-8 is used as it is, not copied, and not checked again
    /// when the sniffing checked it already (`validUTF8`).
    private func finish(_ encoding: PageEncoding, _ bytes: [UInt8], from start: Int, _ detected: DetectedEncoding,
                        _ notes: [Diagnostic], validUTF8: Bool = false) -> DecodedPage {
        var diagnostics = notes
        let body = bytes[start...]
        var utf8: [UInt8]
        switch encoding {
        case .utf8:
            if validUTF8 || Self.isValidUTF8(body) {
                utf8 = start == 0 ? bytes : Array(body)
            } else {
                diagnostics.append(Diagnostic(.warning, "the page is declared UTF-8 but holds invalid byte sequences; they read as U+FFFD"))
                utf8 = Array(String(decoding: body, as: UTF8.self).utf8)
            }
        case .utf16LE, .utf16BE:
            utf8 = Self.decodeUTF16(body, bigEndian: encoding == .utf16BE)
        case .windows1252:
            utf8 = Self.decodeWindows1252(body)
        case .iconv(let name, let iconvName):
            if let converted = Self.decodeWithIconv(body, from: iconvName) {
                utf8 = converted
            } else {
                diagnostics.append(Diagnostic(.warning, "this system cannot decode \(name); read as windows-1252"))
                utf8 = Self.decodeWindows1252(body)
            }
        }
        // NUL bytes end C strings early inside libxml2; a page never means them.
        if utf8.withUnsafeBufferPointer({ buffer in buffer.baseAddress.map { memchr($0, 0, buffer.count) != nil } ?? false }) {
            utf8.removeAll { $0 == 0 }
            diagnostics.append(Diagnostic(.warning, "the page holds NUL bytes; they were dropped"))
        }
        return DecodedPage(utf8: utf8, encoding: detected, diagnostics: diagnostics)
    }

    // MARK: - Sniffing

    static func isASCIIWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C
    }

    /// Names well-known binary formats by their first bytes, or says nil.
    static func binarySignature(_ bytes: [UInt8]) -> String? {
        let signatures: [([UInt8], String)] = [
            ([0x1F, 0x8B], "gzip-compressed"),
            ([0x28, 0xB5, 0x2F, 0xFD], "zstd-compressed"),
            ([0x42, 0x5A, 0x68], "bzip2-compressed"),
            ([0x50, 0x4B, 0x03, 0x04], "a ZIP archive"),
            ([0x25, 0x50, 0x44, 0x46, 0x2D], "a PDF document"),
            ([0x89, 0x50, 0x4E, 0x47], "a PNG image"),
            ([0xFF, 0xD8, 0xFF], "a JPEG image"),
            ([0x47, 0x49, 0x46, 0x38], "a GIF image"),
            ([0x7F, 0x45, 0x4C, 0x46], "an executable (ELF)"),
        ]
        for (magic, name) in signatures where bytes.starts(with: magic) {
            return name
        }
        // Text, in any encoding we read, has few control bytes. UTF-16 is sniffed before
        // this check runs on its zero bytes, so count only in what is not UTF-16.
        if sniffUTF16(bytes) == nil && !bytes.starts(with: [0xFF, 0xFE]) && !bytes.starts(with: [0xFE, 0xFF]) {
            let sample = bytes.prefix(4096)
            let controls = sample.reduce(0) { count, byte in
                count + ((byte < 0x09 || (byte > 0x0D && byte < 0x20 && byte != 0x1B)) ? 1 : 0)
            }
            if controls * 10 > sample.count {
                return "binary data"
            }
        }
        return nil
    }

    /// UTF-16 without a BOM: in the first 512 bytes, most bytes of one parity are zero
    /// and few of the other are.
    static func sniffUTF16(_ bytes: [UInt8]) -> PageEncoding? {
        let sample = bytes.prefix(512)
        guard sample.count >= 16 else { return nil }
        var zeroEven = 0, zeroOdd = 0
        for (offset, byte) in sample.enumerated() where byte == 0 {
            if offset % 2 == 0 { zeroEven += 1 } else { zeroOdd += 1 }
        }
        let half = sample.count / 2
        if zeroOdd * 10 >= half * 7 && zeroEven * 10 <= half { return .utf16LE }
        if zeroEven * 10 >= half * 7 && zeroOdd * 10 <= half { return .utf16BE }
        return nil
    }

    static func isValidUTF8(_ bytes: some Collection<UInt8>) -> Bool {
        if let valid = bytes.withContiguousStorageIfAvailable({ isValidUTF8(buffer: $0) }) { return valid }
        return Array(bytes).withUnsafeBufferPointer { isValidUTF8(buffer: $0) }
    }

    /// Well-formed UTF-8 as Unicode defines it: no overlong forms, no surrogates, nothing
    /// past U+10FFFF, no sequence cut short. Runs of ASCII are checked eight bytes at a time.
    private static func isValidUTF8(buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = buffer.baseAddress else { return true }
        let count = buffer.count
        var index = 0
        while index < count {
            while index + 8 <= count,
                  UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                index += 8
            }
            guard index < count else { break }
            let lead = base[index]
            if lead < 0x80 {
                index += 1
                continue
            }
            // The sequence's length and the range its second byte must fall in (the other
            // continuation bytes are 0x80...0xBF).
            let length: Int, second: ClosedRange<UInt8>
            switch lead {
            case 0xC2...0xDF: (length, second) = (2, 0x80...0xBF)
            case 0xE0: (length, second) = (3, 0xA0...0xBF)
            case 0xE1...0xEC, 0xEE...0xEF: (length, second) = (3, 0x80...0xBF)
            case 0xED: (length, second) = (3, 0x80...0x9F)
            case 0xF0: (length, second) = (4, 0x90...0xBF)
            case 0xF1...0xF3: (length, second) = (4, 0x80...0xBF)
            case 0xF4: (length, second) = (4, 0x80...0x8F)
            default: return false
            }
            guard index + length <= count, second.contains(base[index + 1]) else { return false }
            for offset in 2..<length where base[index + offset] & 0xC0 != 0x80 { return false }
            index += length
        }
        return true
    }

    // MARK: - Decoders

    static func decodeUTF16(_ bytes: ArraySlice<UInt8>, bigEndian: Bool) -> [UInt8] {
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var index = bytes.startIndex
        while index + 1 < bytes.endIndex {
            let first = UInt16(bytes[index]), second = UInt16(bytes[index + 1])
            units.append(bigEndian ? first << 8 | second : second << 8 | first)
            index += 2
        }
        return Array(String(decoding: units, as: UTF16.self).utf8)
    }

    /// windows-1252 as the WHATWG defines it: bytes 0x80–0x9F map to typographic
    /// characters, the five undefined ones to the C1 controls of the same value.
    static func decodeWindows1252(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        var scalars = String.UnicodeScalarView()
        scalars.reserveCapacity(bytes.count)
        for byte in bytes {
            if byte >= 0x80 && byte <= 0x9F {
                let value = windows1252High[Int(byte - 0x80)]
                scalars.append(Unicode.Scalar(value) ?? "\u{FFFD}")
            } else {
                scalars.append(Unicode.Scalar(byte))
            }
        }
        return Array(String(scalars).utf8)
    }

    private static let windows1252High: [UInt32] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
        0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
    ]

    /// Converts with iconv; an invalid byte becomes U+FFFD and decoding goes on.
    /// Nil when iconv does not know the encoding.
    static func decodeWithIconv(_ bytes: ArraySlice<UInt8>, from encoding: String) -> [UInt8]? {
        let converter = iconv_open("UTF-8", encoding)
        guard converter != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(converter) }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count * 2)
        var input = Array(bytes)
        let replacement: [UInt8] = [0xEF, 0xBF, 0xBD]
        var buffer = [UInt8](repeating: 0, count: 16384)
        input.withUnsafeMutableBufferPointer { inputBuffer in
            var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inputBuffer.baseAddress)?.assumingMemoryBound(to: CChar.self)
            var inLeft = inputBuffer.count
            buffer.withUnsafeMutableBufferPointer { outBuffer in
                while inLeft > 0 {
                    var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuffer.baseAddress)?.assumingMemoryBound(to: CChar.self)
                    var outLeft = outBuffer.count
                    let status = iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft)
                    output.append(contentsOf: outBuffer[0..<(outBuffer.count - outLeft)])
                    if status == -1 {
                        let code = errno
                        if code == E2BIG { continue }
                        // EILSEQ or EINVAL: skip one byte, mark it, go on.
                        output.append(contentsOf: replacement)
                        inPointer = inPointer.map { $0 + 1 }
                        inLeft -= 1
                    }
                }
            }
        }
        return output
    }
}
