import Foundation
import Testing

/// One kind of hostile page: how to make it, and exactly what claimex must make of it.
/// The large ones are generated here, at run time, never committed.
struct HostilePage: Sendable, CustomTestStringConvertible {
    /// What the page must give.
    enum Expected: Sendable {
        /// An `article` record in `encoding` whose text holds every string of `contains`
        /// and none of `excludes`.
        case article(encoding: String, contains: [String], excludes: [String] = [])
        /// An `error` record of this stage whose message holds `message`.
        case error(stage: String, message: String)
    }

    /// The file name, which is also the test's name.
    let name: String
    let expected: Expected
    /// A substring standard error must hold (a warning), if any.
    var warning: String?
    let bytes: @Sendable () -> [UInt8]

    var testDescription: String { name }

    init(_ name: String, _ expected: Expected, warning: String? = nil, bytes: @escaping @Sendable () -> [UInt8]) {
        self.name = name
        self.expected = expected
        self.warning = warning
        self.bytes = bytes
    }
}

// MARK: - Building blocks

enum Pages {
    static let sentence = "Quarry Ventures led the round, which values the company at about $300 million, people familiar with the deal said."
    static let headline = "Hostile page headline"

    /// A plain news page around `body` (inserted after two paragraphs of prose).
    static func page(_ body: String = "", head: String = "<title>Hostile page headline | Test Wire</title>", before: String = "") -> String {
        "<html lang=\"en\"><head>\(head)</head><body><nav><a href=\"/\">Home</a></nav>\(before)<article><h1>\(headline)</h1>"
            + "<p>\(sentence)</p><p>The startup plans to spend the money on hiring engineers in Lisbon and Austin.</p>"
            + body + "</article><footer>All rights reserved.</footer></body></html>"
    }

    static func utf8(_ text: String) -> [UInt8] { Array(text.utf8) }

    static func utf16(_ text: String, bigEndian: Bool) -> [UInt8] {
        text.utf16.flatMap { unit in
            bigEndian ? [UInt8(unit >> 8), UInt8(unit & 0xFF)] : [UInt8(unit & 0xFF), UInt8(unit >> 8)]
        }
    }

    /// The text as windows-1252 bytes (only Latin-1 letters are used).
    static func latin1(_ text: String) -> [UInt8] {
        text.unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) }
    }

    static let prose = [sentence]
    static let passwdLine = "root:x:0:0"
}

// MARK: - The catalog

extension HostilePage {
    /// Every kind, each in its own file.
    static let all: [HostilePage] = encodings + sizes + markup + security + names

    static let encodings: [HostilePage] = [
        HostilePage("empty.html", .error(stage: "decode", message: "the file is empty")) { [] },
        HostilePage("whitespace-only.html", .error(stage: "decode", message: "the file is empty")) { Pages.utf8(" \r\n\t \n") },
        HostilePage("binary.html", .error(stage: "decode", message: "the file is binary data, not an HTML page")) {
            (0..<65536).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
        },
        HostilePage("png-image.html", .error(stage: "decode", message: "the file is a PNG image")) {
            [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + [UInt8](repeating: 7, count: 100)
        },
        HostilePage("gzip-body.html", .error(stage: "decode", message: "the file is gzip-compressed, not an HTML page; decompress")) {
            // A gzip member header and deflate bytes, as a crawler saves a compressed body.
            [0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03] + Pages.utf8("compressed body bytes")
        },
        HostilePage("utf16le-no-bom.html", .article(encoding: "UTF-16LE", contains: [Pages.headline, Pages.sentence])) {
            Pages.utf16(Pages.page(), bigEndian: false)
        },
        HostilePage("utf16be-no-bom.html", .article(encoding: "UTF-16BE", contains: [Pages.headline, Pages.sentence])) {
            Pages.utf16(Pages.page(), bigEndian: true)
        },
        HostilePage("utf16-lone-surrogate.html", .article(encoding: "UTF-16LE", contains: ["Broken \u{FFFD} surrogate"])) {
            var bytes = Pages.utf16(Pages.page("<p>Broken X surrogate in a sentence long enough to be read as prose.</p>"), bigEndian: false)
            let marker = Pages.utf16("X", bigEndian: false)
            if let index = (0..<bytes.count - 1).first(where: { bytes[$0] == marker[0] && bytes[$0 + 1] == marker[1] }) {
                bytes[index] = 0x00
                bytes[index + 1] = 0xD8  // U+D800, a high surrogate with no low one after it
            }
            return bytes
        },
        HostilePage("lying-charset-utf8.html", .article(encoding: "UTF-8", contains: ["Caf\u{FFFD} cr\u{FFFD}me"]),
                    warning: "declared UTF-8 but holds invalid byte sequences") {
            Pages.latin1(Pages.page("<p>Café crème was served to the investors after the meeting in the city.</p>", head: "<meta charset=\"utf-8\"><title>Lying</title>"))
        },
        HostilePage("lying-charset-latin1.html", .article(encoding: "windows-1252", contains: ["CafÃ© crÃ¨me"])) {
            Pages.utf8(Pages.page("<p>Café crème was served to the investors after the meeting in the city.</p>", head: "<meta charset=\"iso-8859-1\"><title>Lying</title>"))
        },
        HostilePage("unknown-charset.html", .article(encoding: "UTF-8", contains: [Pages.sentence]),
                    warning: "unknown charset label 'x-klingon-9' in <meta>; ignored") {
            Pages.utf8(Pages.page(head: "<meta charset=\"x-klingon-9\"><title>Unknown</title>"))
        },
        HostilePage("nul-bytes.html", .article(encoding: "UTF-8", contains: [Pages.sentence]), warning: "the page holds NUL bytes; they were dropped") {
            var bytes = Pages.utf8(Pages.page())
            let at = bytes.firstIndex(of: UInt8(ascii: "Q"))!
            bytes.insert(0, at: at + 3)
            return bytes
        },
        HostilePage("invalid-utf8.html", .article(encoding: "windows-1252", contains: [Pages.sentence, "Broken ÿþÃ( bytes"])) {
            let parts = Pages.page("<p>Broken @ bytes in the middle of a paragraph that is long enough.</p>").split(separator: "@")
            return Pages.utf8(String(parts[0])) + [0xFF, 0xFE, 0xC3, 0x28] + Pages.utf8(String(parts[1]))
        },
        // Control characters are dropped from the text (and JSON would escape them anyway).
        HostilePage("control-characters.html", .article(encoding: "UTF-8", contains: ["with a belland escapeinside it"])) {
            Pages.utf8(Pages.page("<p>A line with a bell\u{7}and escape\u{1B}inside it, which must still come out as valid JSON.</p>"))
        },
    ]

    static let sizes: [HostilePage] = [
        HostilePage("one-line-2mb.html", .article(encoding: "UTF-8", contains: [Pages.sentence], excludes: ["var x"])) {
            // A minified page: markup, a 2 MB inline script and the article, all on one line.
            Pages.utf8(Pages.page(head: "<title>t</title><script>" + String(repeating: "var x=1;", count: 250_000) + "</script>"))
        },
        HostilePage("huge-word.html", .article(encoding: "UTF-8", contains: [Pages.sentence, String(repeating: "x", count: 1000)])) {
            Pages.utf8(Pages.page("<p>" + String(repeating: "x", count: 1_000_000) + "</p>"))
        },
        HostilePage("huge-attribute.html", .article(encoding: "UTF-8", contains: [Pages.sentence])) {
            Pages.utf8(Pages.page("<p title=\"" + String(repeating: "a", count: 4_000_000) + "\">A paragraph whose title attribute is four megabytes long.</p>"))
        },
        HostilePage("entity-flood.html", .article(encoding: "UTF-8", contains: [Pages.sentence, "&Aé&Aé&Aé"])) {
            Pages.utf8(Pages.page("<p>" + String(repeating: "&amp;&#x41;&eacute;", count: 200_000) + "</p>"))
        },
        HostilePage("comment-bomb.html", .article(encoding: "UTF-8", contains: [Pages.sentence], excludes: ["hidden"])) {
            Pages.utf8(Pages.page(String(repeating: "<!-- hidden -->", count: 200_000)))
        },
        HostilePage("nesting-100000.html", .article(encoding: "UTF-8", contains: ["Deep inside, the paragraph still reads as the article's text."]),
                    warning: "nested deeper than 400 levels were flattened") {
            Pages.utf8("<html><body>" + String(repeating: "<div>", count: 100_000)
                + "<h1>Deep</h1><p>Deep inside, the paragraph still reads as the article's text.</p>"
                + String(repeating: "</div>", count: 100_000) + "</body></html>")
        },
        HostilePage("inline-nesting-50000.html", .article(encoding: "UTF-8", contains: ["Bold all the way down"])) {
            Pages.utf8(Pages.page("<p>" + String(repeating: "<b>", count: 50_000) + "Bold all the way down, and still a paragraph of the article." + "</p>"))
        },
        HostilePage("link-flood.html", .article(encoding: "UTF-8", contains: [Pages.sentence], excludes: ["link link link"])) {
            Pages.utf8(Pages.page(before: "<div>" + String(repeating: "<a href=\"/x\">link</a> ", count: 100_000) + "</div>"))
        },
        HostilePage("table-bomb.html", .article(encoding: "UTF-8", contains: [Pages.sentence, "row 1999 | cell"])) {
            Pages.utf8(Pages.page("<table>" + (0..<2000).map { "<tr><td>row \($0)</td><td>cell</td></tr>" }.joined() + "</table>"))
        },
    ]

    static let markup: [HostilePage] = [
        HostilePage("truncated.html", .article(encoding: "UTF-8", contains: [Pages.sentence])) {
            Array(Pages.utf8(Pages.page()).dropLast(120))  // cut inside the second paragraph
        },
        HostilePage("unclosed-comment.html", .error(stage: "extract", message: "the page has no article text")) {
            Pages.utf8("<html><body><!--" + Pages.page())
        },
        HostilePage("svg-mathml.html", .article(encoding: "UTF-8", contains: [Pages.sentence], excludes: ["svg words", "inside svg", "mathvar"])) {
            Pages.utf8(Pages.page("<svg><text>svg words</text><foreignObject><p>inside svg, a paragraph that is long enough.</p></foreignObject></svg>"
                + "<math><mi>mathvar</mi></math>"))
        },
        HostilePage("no-body.html", .error(stage: "extract", message: "the page has no article text")) {
            Pages.utf8("<html><head><title>Only a head</title><meta name=\"description\" content=\"nothing\"></head></html>")
        },
        HostilePage("script-only.html", .error(stage: "extract", message: "the page has no article text")) {
            Pages.utf8("<html><head><script>var a = 1;</script></head><body><script>document.write('Quarry Ventures led the round')</script></body></html>")
        },
        HostilePage("frameset.html", .error(stage: "extract", message: "the page has no article text")) {
            Pages.utf8("<html><frameset cols=\"50%,50%\"><frame src=\"a.html\"><frame src=\"b.html\"></frameset></html>")
        },
        HostilePage("not-html-at-all.html", .article(encoding: "UTF-8", contains: ["plain text saved with an html name"])) {
            Pages.utf8("This is plain text saved with an html name, long enough to be read as one paragraph.")
        },
    ]

    static let security: [HostilePage] = [
        HostilePage("xxe-file-and-http.html", .article(encoding: "UTF-8", contains: [Pages.sentence], excludes: [Pages.passwdLine, "secret-from-network"])) {
            Pages.utf8("<?xml version=\"1.0\"?><!DOCTYPE html [<!ENTITY xxe SYSTEM \"file:///etc/passwd\"><!ENTITY web SYSTEM \"http://127.0.0.1:9/secret-from-network\">]>"
                + Pages.page("<p>Entity here: &xxe; and there: &web; end of the paragraph.</p>"))
        },
        HostilePage("external-dtd.html", .article(encoding: "UTF-8", contains: [Pages.sentence])) {
            Pages.utf8("<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Strict//EN\" \"http://127.0.0.1:9/x.dtd\">" + Pages.page())
        },
        HostilePage("xinclude.html", .article(encoding: "UTF-8", contains: [Pages.sentence], excludes: [Pages.passwdLine])) {
            Pages.utf8(Pages.page("<p xmlns:xi=\"http://www.w3.org/2001/XInclude\">Included: <xi:include href=\"/etc/passwd\" parse=\"text\"/> end.</p>"))
        },
        HostilePage("billion-laughs.html", .article(encoding: "UTF-8", contains: [Pages.sentence], excludes: ["lollollol"])) {
            Pages.utf8("<!DOCTYPE html [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
                + "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">]>" + Pages.page("<p>Laugh: &lol3; end of it all.</p>"))
        },
    ]

    static let names: [HostilePage] = [
        HostilePage("name with spaces éè 漢字.html", .article(encoding: "UTF-8", contains: [Pages.sentence])) { Pages.utf8(Pages.page()) },
    ]
}
