@testable import ClaimexHTML
import ClaimexModel
import Testing

/// Decoding follows browsers: BOM, then <meta> prescan, then UTF-8 if valid, else windows-1252.
@Suite struct EncodingTests {
    private func decode(_ bytes: [UInt8]) throws -> DecodedPage {
        try TextDecoder().decode(bytes)
    }

    private func text(_ page: DecodedPage) -> String {
        String(decoding: page.utf8, as: UTF8.self)
    }

    @Test func utf8ByteOrderMarkWinsOverMetaDeclaration() throws {
        let html = "<meta charset=\"windows-1252\"><p>caf\u{e9} \u{20AC}5</p>"
        let page = try decode([0xEF, 0xBB, 0xBF] + Array(html.utf8))
        #expect(page.encoding == DetectedEncoding(name: "UTF-8", source: .byteOrderMark))
        #expect(text(page) == html)
    }

    @Test(arguments: [false, true])
    func utf16WithByteOrderMark(bigEndian: Bool) throws {
        let html = "<p>\u{20AC}40 million \u{2014} \u{65E5}\u{672C}</p>"
        var bytes: [UInt8] = bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]
        for unit in html.utf16 {
            bytes += bigEndian ? [UInt8(unit >> 8), UInt8(unit & 0xFF)] : [UInt8(unit & 0xFF), UInt8(unit >> 8)]
        }
        let page = try decode(bytes)
        #expect(page.encoding.name == (bigEndian ? "UTF-16BE" : "UTF-16LE"))
        #expect(page.encoding.source == .byteOrderMark)
        #expect(text(page) == html)
    }

    @Test func utf16WithoutByteOrderMarkIsSniffed() throws {
        let html = "<html><body><p>Lumora raised $40 million.</p></body></html>"
        let bytes = html.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let page = try decode(bytes)
        #expect(page.encoding == DetectedEncoding(name: "UTF-16LE", source: .utf16Sniffing))
        #expect(text(page) == html)
    }

    @Test func metaCharsetWindows1252() throws {
        // 0x80 is the euro sign, 0x92 a right single quote, 0xE9 é in windows-1252.
        let bytes = Array("<meta charset=\"windows-1252\"><p>".utf8) + [0x80, 0x35, 0x20, 0x92, 0xE9] + Array("</p>".utf8)
        let page = try decode(bytes)
        #expect(page.encoding == DetectedEncoding(name: "windows-1252", source: .meta, declaredLabel: "windows-1252"))
        #expect(text(page) == "<meta charset=\"windows-1252\"><p>\u{20AC}5 \u{2019}\u{E9}</p>")
    }

    @Test(arguments: ["iso-8859-1", "latin1", "US-ASCII", " ISO_8859-1 "])
    func latin1LabelsMeanWindows1252(label: String) throws {
        let bytes = Array("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=\(label)\"><p>".utf8) + [0x93, 0x61, 0x94]
        let page = try decode(bytes)
        #expect(page.encoding.name == "windows-1252")
        #expect(page.encoding.source == .meta)
        #expect(text(page).hasSuffix("<p>\u{201C}a\u{201D}"))
    }

    @Test func httpEquivWithoutPragmaIsIgnored() throws {
        // A content attribute with a charset counts only with http-equiv=Content-Type.
        let bytes = Array("<meta content=\"text/html; charset=windows-1252\"><p>\u{E9}</p>".utf8)
        let page = try decode(bytes)
        #expect(page.encoding == DetectedEncoding(name: "UTF-8", source: .utf8Sniffing))
    }

    @Test func declarationAfterFirst1024BytesIsNotSeen() throws {
        let padding = "<!-- " + String(repeating: "x", count: 1100) + " -->"
        let bytes = Array((padding + "<meta charset=\"windows-1252\"><p>").utf8) + [0xE9]
        let page = try decode(bytes)
        #expect(page.encoding == DetectedEncoding(name: "windows-1252", source: .fallback))
    }

    @Test func metaInsideCommentIsSkipped() throws {
        let bytes = Array("<!-- <meta charset=\"koi8-r\"> --><meta charset=\"utf-8\"><p>\u{E9}</p>".utf8)
        let page = try decode(bytes)
        #expect(page.encoding == DetectedEncoding(name: "UTF-8", source: .meta, declaredLabel: "utf-8"))
    }

    @Test func unknownLabelFallsBackWithDiagnostic() throws {
        let html = "<meta charset=\"x-klingon-7\"><p>\u{20B9}1,200 crore</p>"
        let page = try decode(Array(html.utf8))
        #expect(page.encoding == DetectedEncoding(name: "UTF-8", source: .utf8Sniffing))
        #expect(page.diagnostics == [Diagnostic(.warning, "unknown charset label 'x-klingon-7' in <meta>; ignored")])
        #expect(text(page) == html)
    }

    @Test func utf16LabelWithoutBOMMeansUTF8() throws {
        let page = try decode(Array("<meta charset=\"utf-16\"><p>\u{E9}</p>".utf8))
        #expect(page.encoding == DetectedEncoding(name: "UTF-8", source: .meta, declaredLabel: "utf-16"))
    }

    @Test func invalidUTF8WithoutDeclarationIsWindows1252() throws {
        let page = try decode(Array("<p>caf".utf8) + [0xE9, 0x20, 0x96, 0x20] + Array("ok</p>".utf8))
        #expect(page.encoding == DetectedEncoding(name: "windows-1252", source: .fallback))
        #expect(text(page) == "<p>caf\u{E9} \u{2013} ok</p>")
    }

    @Test func otherEncodingsDecodeThroughIconv() throws {
        // "Привет" in windows-1251.
        let bytes = Array("<meta charset=\"windows-1251\"><p>".utf8) + [0xCF, 0xF0, 0xE8, 0xE2, 0xE5, 0xF2]
        let page = try decode(bytes)
        #expect(page.encoding.name == "windows-1251")
        #expect(text(page).hasSuffix("<p>\u{41F}\u{440}\u{438}\u{432}\u{435}\u{442}"))
    }

    @Test func emptyAndBinaryInputsAreErrors() {
        #expect(throws: HTMLError.empty) { try decode([]) }
        #expect(throws: HTMLError.empty) { try decode(Array(" \n\t ".utf8)) }
        #expect(throws: HTMLError.binary("gzip-compressed")) { try decode([0x1F, 0x8B, 0x08, 0x00, 0x01]) }
        #expect(throws: HTMLError.binary("binary data")) { try decode([UInt8](repeating: 0x01, count: 64) + Array("<p>".utf8)) }
    }

    @Test func nulBytesAreDroppedWithAWarning() throws {
        let page = try decode(Array("<p>a".utf8) + [0] + Array("b</p>".utf8))
        #expect(text(page) == "<p>ab</p>")
        #expect(page.diagnostics == [Diagnostic(.warning, "the page holds NUL bytes; they were dropped")])
    }

    /// The validator agrees with the standard library's UTF-8 decoder on every boundary case
    /// and on ASCII runs of every alignment around them.
    @Test func utf8ValidationAgreesWithTheStandardLibrary() {
        let cases: [[UInt8]] = [
            [], [0x41], [0x7F], [0x80], [0xBF], [0xC0, 0x80], [0xC1, 0xBF], [0xC2, 0x80], [0xDF, 0xBF], [0xC2],
            [0xE0, 0x9F, 0x80], [0xE0, 0xA0, 0x80], [0xED, 0x9F, 0xBF], [0xED, 0xA0, 0x80], [0xEF, 0xBF, 0xBF],
            [0xE1, 0x80], [0xE1, 0x80, 0x7F], [0xF0, 0x8F, 0xBF, 0xBF], [0xF0, 0x90, 0x80, 0x80], [0xF4, 0x8F, 0xBF, 0xBF],
            [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80], [0xF3, 0xBF, 0xBF], [0xFE], [0xFF],
            Array("Ben & Jerry\u{2019}s \u{20AC}5 \u{1F600}".utf8),
        ]
        for bytes in cases {
            for padding in 0..<10 {
                let padded = Array(repeating: UInt8(ascii: "a"), count: padding) + bytes + Array(repeating: UInt8(ascii: "z"), count: padding % 3)
                let expected = String(validating: padded, as: UTF8.self) != nil
                #expect(TextDecoder.isValidUTF8(padded) == expected, "\(padded)")
                #expect(TextDecoder.isValidUTF8(padded[...]) == expected, "\(padded)")
            }
        }
        #expect(TextDecoder.isValidUTF8([0xC3, 0xA9]) == true)
        #expect(TextDecoder.isValidUTF8([0xED, 0xA0, 0x80]) == false)
    }
}
