internal import CLibXML2
import ClaimexModel
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Parses UTF-8 HTML with libxml2's HTML parser into an `HTMLTree`.
///
/// This is the only file that sees libxml2. The parser runs in recovery mode with network
/// access off and its own error output off; its complaints are collected as diagnostics.
/// libxml2's HTML parser loads no DTD and no external entity. libxml2 builds no tree of its
/// own: its parse events (element starts and ends, text) build the `HTMLTree` directly,
/// and no libxml2 pointer leaves this file.
struct LibXML2Parser: Sendable {
    let limits: ParseLimits
    /// Whether raw text the tree leaves out is passed over rather than read by libxml2
    /// (`RawTextSkip`), where that is known to leave libxml2 as reading it would.
    let skipsDroppedRawText: Bool

    init(limits: ParseLimits, skipsDroppedRawText: Bool = LibXML2Parser.canSkipRawText) {
        self.limits = limits
        self.skipsDroppedRawText = skipsDroppedRawText
    }

    /// Whether the libxml2 loaded reads raw text as `RawTextSkip` expects: 2.9.14, the
    /// version whose parse loop the skip was checked against (Debian 12's, Ubuntu 24.04's).
    /// Any other version reads every script itself.
    static let canSkipRawText: Bool = String(cString: claimex_libxml_version()) == "20914"

    /// How many of libxml2's messages are kept per page; the rest are only counted.
    static let keptMessages = 20

    /// Initializes libxml2 once per process, before any worker thread parses.
    static let initialized: Bool = {
        xmlInitParser()
        return true
    }()

    func parse(utf8: [UInt8], encoding: DetectedEncoding, diagnostics: [Diagnostic]) throws(HTMLError) -> HTMLDocument {
        try parseCountingSkips(utf8: utf8, encoding: encoding, diagnostics: diagnostics).document
    }

    /// `parse`, and how many scripts and styles libxml2 was moved past rather than read.
    func parseCountingSkips(utf8: [UInt8], encoding: DetectedEncoding, diagnostics: [Diagnostic]) throws(HTMLError)
        -> (document: HTMLDocument, skipped: Int) {
        _ = Self.initialized
        guard let context = htmlNewParserCtxt() else {
            throw .noTree("libxml2 could not allocate a parser")
        }
        defer { htmlFreeParserCtxt(context) }
        guard let handler = context.pointee.sax else {
            throw .noTree("libxml2 gave the parser no event handler")
        }

        let session = ParseSession(maxDepth: limits.maxDepth, rawText: limits.rawText, attributes: limits.attributes,
                                   skipsDroppedRawText: skipsDroppedRawText && limits.rawText == .jsonLDOnly)
        // About one node for every 64 bytes of a page: the node list rarely grows again.
        session.builder.reserveNodes(utf8.count / 64)
        let unmanaged = Unmanaged.passRetained(session)
        defer { unmanaged.release() }
        // Every callback gets the parser context (libxml2's default user data) and finds
        // the session in its private pointer.
        context.pointee._private = unmanaged.toOpaque()
        ParseSession.install(in: handler)
        // Anything libxml2 would still print goes nowhere: this thread's generic handler.
        claimex_silence_generic_errors()

        // No option that reads anything but these bytes: no DTD loading, no entity
        // substitution, no XInclude (the HTML parser has none of them anyway), and no
        // network. XML_PARSE_HUGE lifts libxml2's fixed limits (nesting 256 deep, 10 MB
        // text nodes), at which it stops and drops the rest of the page; claimex's own
        // limits (page size, depth, time) bound the work instead.
        let options = Int32(HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NONET.rawValue | HTML_PARSE_NOERROR.rawValue
            | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_COMPACT.rawValue | HTML_PARSE_IGNORE_ENC.rawValue
            | XML_PARSE_HUGE.rawValue)
        // The handler starts no document, so libxml2 returns none.
        _ = utf8.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                htmlCtxtReadMemory(context, chars.baseAddress, Int32(clamping: chars.count), nil, "UTF-8", options)
            }
        }
        session.builder.finish()
        let messages = session.messages
        guard session.builder.tree.count > 0 else {
            throw .noTree(messages.messages.first ?? "the page has no elements")
        }

        var notes = diagnostics
        notes.append(contentsOf: messages.messages.map { Diagnostic(.note, "libxml2: \($0)") })
        if messages.dropped > 0 {
            notes.append(Diagnostic(.note, "libxml2: \(messages.dropped) more messages"))
        }
        if session.builder.flattened > 0 {
            notes.append(Diagnostic(.warning, "\(session.builder.flattened) elements nested deeper than \(limits.maxDepth) levels were flattened"))
        }
        return (HTMLDocument(tree: session.builder.tree, encoding: encoding, diagnostics: notes), session.skipped)
    }
}

/// What one parse gathers from libxml2's callbacks: the tree and the messages.
private final class ParseSession {
    @exclusivity(unchecked) var builder: TreeBuilder
    @exclusivity(unchecked) var messages = MessageCollector()
    let skipsDroppedRawText: Bool
    /// How many texts were passed over.
    private(set) var skipped = 0

    init(maxDepth: Int, rawText: ParseLimits.RawText, attributes: ParseLimits.Attributes, skipsDroppedRawText: Bool) {
        builder = TreeBuilder(maxDepth: maxDepth, rawText: rawText, attributes: attributes)
        self.skipsDroppedRawText = skipsDroppedRawText
    }

    /// Right after the start tag of a script or style whose text the tree leaves out:
    /// moves libxml2 to the element's end tag when `RawTextSkip` finds that passing over
    /// the text leaves it as reading it would, and gives the tree the text's (empty) node.
    ///
    /// libxml2 calls this with its cursor on the start tag's `>`; when this returns, it
    /// checks that a `>` is there and steps past it with `xmlNextChar`. The cursor is put
    /// on the text's last byte instead, made a `>` in libxml2's own copy of the page (a
    /// byte of the text, which nothing reads again), so that the step lands on the end
    /// tag; the line and column are set so that the step leaves them where reading the
    /// text would have.
    func skipRawText(of name: StaticString, context: UnsafeMutableRawPointer) {
        let parser = context.assumingMemoryBound(to: htmlParserCtxt.self)
        guard let input = parser.pointee.input, let cursor = input.pointee.cur, let end = input.pointee.end,
              cursor < end, cursor.pointee == UInt8(ascii: ">") else { return }
        let text = UnsafeBufferPointer(start: cursor + 1, count: end - (cursor + 1))
        guard let skip = name.withUTF8Buffer({ RawTextSkip.scan(text, name: $0) }) else { return }
        let newlines = Int32(truncatingIfNeeded: skip.newlines)
        let trailing = Int32(truncatingIfNeeded: skip.trailingCharacters)
        // Where reading would leave them: past the `>` (a column), then a line per line
        // feed and a column per character after the last one.
        let column = newlines > 0 ? 1 &+ trailing : input.pointee.col &+ 1 &+ trailing
        input.pointee.line = input.pointee.line &+ newlines
        input.pointee.col = column &- 1
        let last = UnsafeMutablePointer(mutating: cursor + skip.end)
        last.pointee = UInt8(ascii: ">")
        input.pointee.cur = UnsafePointer(last)
        builder.text(UnsafeBufferPointer(start: nil, count: 0), kind: .raw)
        skipped += 1
    }

    /// The session of the parser context `context` (a callback's user data).
    @inline(__always)
    static func of(_ context: UnsafeMutableRawPointer?) -> ParseSession? {
        guard let context, let session = context.assumingMemoryBound(to: htmlParserCtxt.self).pointee._private else { return nil }
        return Unmanaged<ParseSession>.fromOpaque(session).takeUnretainedValue()
    }

    /// Replaces libxml2's tree-building handler with callbacks into the session. The
    /// document-level events (start of document, doctype) build nothing; the doctype is
    /// only noted, for where content after the root goes.
    static func install(in handler: UnsafeMutablePointer<htmlSAXHandler>) {
        handler.pointee = htmlSAXHandler()
        // The magic number makes libxml2 report errors through `serror`, structured.
        handler.pointee.initialized = XML_SAX2_MAGIC
        handler.pointee.serror = { context, error in
            guard let error, let session = ParseSession.of(context) else { return }
            session.messages.add(level: error.pointee.level, line: Int(error.pointee.line), message: error.pointee.message)
        }
        handler.pointee.startElement = { context, name, attributes in
            guard let name, let context, let session = ParseSession.of(context) else { return }
            session.builder.start(name, attributes)
            if session.skipsDroppedRawText, let element = session.builder.openedDroppedRawText {
                session.skipRawText(of: element, context: context)
            }
        }
        handler.pointee.endElement = { context, _ in
            ParseSession.of(context)?.builder.end()
        }
        handler.pointee.characters = { context, bytes, count in
            guard let bytes, count > 0 else { return }
            ParseSession.of(context)?.builder.text(UnsafeBufferPointer(start: bytes, count: Int(count)), kind: .characters)
        }
        handler.pointee.cdataBlock = { context, bytes, count in
            guard let bytes, count > 0 else { return }
            ParseSession.of(context)?.builder.text(UnsafeBufferPointer(start: bytes, count: Int(count)), kind: .raw)
        }
        handler.pointee.comment = { context, _ in
            ParseSession.of(context)?.builder.otherNode()
        }
        handler.pointee.processingInstruction = { context, _, _ in
            ParseSession.of(context)?.builder.otherNode()
        }
        handler.pointee.internalSubset = { context, _, _, _ in
            ParseSession.of(context)?.builder.doctype()
        }
    }
}

/// Gathers libxml2's structured errors for one parse.
private struct MessageCollector {
    var messages: [String] = []
    var dropped = 0

    mutating func add(level: xmlErrorLevel, line: Int, message: UnsafeMutablePointer<CChar>?) {
        guard messages.count < LibXML2Parser.keptMessages else {
            dropped += 1
            return
        }
        let text = message.map { String(cString: $0) }?.trimmingASCIIWhitespace() ?? "unknown problem"
        let kind = level == XML_ERR_WARNING ? "warning" : "error"
        messages.append("line \(line): \(kind): \(text)")
    }
}

/// Builds an `HTMLTree` from libxml2's parse events, node for node the tree libxml2 would
/// have built itself:
/// - adjacent text is one node, as libxml2 merges it (entities arrive as pieces of their
///   own), until an element, a comment or a processing instruction comes between; the raw
///   text of `script` and `style` is kept apart from markup text beside it;
/// - an attribute written without a value has its name as value when HTML makes it a
///   boolean (`disabled`), else the empty string;
/// - content after the root element has ended goes under the root when the root is the
///   document's first node, else beside it, out of the tree (libxml2 puts a doctype, or
///   a comment before the root, first);
/// - an element nested `maxDepth` deep or more becomes one text node in its place: a space
///   for each element in it and the text of each, leaving out scripts and styles.
private struct TreeBuilder {
    enum TextKind { case characters, raw }

    let maxDepth: Int
    let rawText: ParseLimits.RawText
    private(set) var tree = HTMLTree()
    /// How many elements were flattened (each counted at the outermost one).
    private(set) var flattened = 0
    private var names = NameCache()
    /// Text not yet added to the tree, and which kind it is.
    private var pending: [UInt8] = []
    private var pendingKind: TextKind?
    /// Whether a doctype, or a comment or instruction before the root, came first in the document.
    private var rootIsNotFirst = false
    /// Whether the root is open again for an element after its end.
    private var rootReopened = false
    /// Elements open outside the tree (after the root, beside it).
    private var outside = 0
    /// Elements open inside a flattened one, itself included; those inside a script or style in it.
    private var flatLevels = 0
    private var flatSkipped = 0
    private var flatText: [UInt8] = []

    init(maxDepth: Int, rawText: ParseLimits.RawText = .all, attributes: ParseLimits.Attributes = .all) {
        self.maxDepth = maxDepth
        self.rawText = rawText
        self.attributes = attributes
        filtersAttributes = attributes.names != nil
    }

    let attributes: ParseLimits.Attributes
    /// Whether some attributes are left out.
    private let filtersAttributes: Bool

    /// Whether the raw text of the element opened last is left out (`ParseLimits.RawText`).
    private var dropsRawText = false
    /// The name of the element the last start tag opened, when it is a script or style
    /// whose raw text is left out; else nil.
    private(set) var openedDroppedRawText: StaticString?

    mutating func reserveNodes(_ count: Int) {
        tree.reserveCapacity(count)
    }

    mutating func start(_ name: UnsafePointer<xmlChar>, _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
        openedDroppedRawText = nil
        if outside > 0 {
            outside += 1
            return
        }
        if flatLevels > 0 {
            startFlattened(name)
            return
        }
        if tree.openStack.isEmpty && tree.count > 0 {
            // After the root: under it only when it is the document's first node.
            if rootIsNotFirst {
                outside = 1
                return
            }
            tree.reopen(0)
            rootReopened = true
        }
        flush()
        if !tree.openStack.isEmpty && tree.openStack.count >= maxDepth {
            flattened += 1
            startFlattened(name)
            return
        }
        let (element, tag) = names.element(name)
        let attributes = attributeList(attributes, of: name)
        if rawText == .jsonLDOnly {
            dropsRawText = (tag == .script || tag == .style)
                && !(tag == .script && attributes.first { $0.name == "type" }?.value.lowercased() == "application/ld+json")
            if dropsRawText { openedDroppedRawText = tag == .script ? "script" : "style" }
        }
        tree.open(element, tag: tag, attributes: attributes)
    }

    /// An element inside a flattened one, or the flattened one itself: a space in its text,
    /// or, for a script or style, nothing of it at all.
    private mutating func startFlattened(_ name: UnsafePointer<xmlChar>) {
        flatLevels += 1
        if flatSkipped > 0 || isScriptOrStyle(name) { flatSkipped += 1 } else { flatText.append(0x20) }
    }

    mutating func end() {
        if outside > 0 {
            outside -= 1
            return
        }
        if flatLevels > 0 {
            flatLevels -= 1
            if flatSkipped > 0 { flatSkipped -= 1 }
            if flatLevels == 0 { endFlattened() }
            return
        }
        guard let index = tree.openStack.last else { return }
        flush()
        dropsRawText = false
        tree.close(index)
        // An element after the root that went under it ends there: the root is closed again.
        if rootReopened && tree.openStack.count == 1 {
            rootReopened = false
            tree.close(0)
        }
    }

    mutating func text(_ bytes: UnsafeBufferPointer<xmlChar>, kind: TextKind) {
        if outside > 0 { return }
        if flatLevels > 0 {
            if flatSkipped == 0 { flatText.append(contentsOf: bytes) }
            return
        }
        guard !tree.openStack.isEmpty else { return }
        if pendingKind != kind {
            flush()
            pendingKind = kind
        }
        // Left out, the text still makes its node, empty: the tree keeps its shape.
        if kind == .raw && dropsRawText { return }
        pending.append(contentsOf: bytes)
    }

    /// A comment or processing instruction: not kept, but it ends the text before it.
    mutating func otherNode() {
        if outside > 0 || flatLevels > 0 { return }
        if tree.count == 0 { rootIsNotFirst = true }
        flush()
    }

    mutating func doctype() {
        rootIsNotFirst = true
    }

    /// Adds what is still pending and closes what is still open (a page cut short).
    mutating func finish() {
        if flatLevels > 0 {
            flatLevels = 0
            flatSkipped = 0
            endFlattened()
        }
        flush()
        while let index = tree.openStack.last { tree.close(index) }
    }

    private mutating func flush() {
        guard pendingKind != nil else { return }
        if let parent = tree.openStack.last { tree.appendText(String(decoding: pending, as: UTF8.self), parent: parent) }
        pending.removeAll(keepingCapacity: true)
        pendingKind = nil
    }

    private mutating func endFlattened() {
        if !flatText.isEmpty, let parent = tree.openStack.last {
            tree.appendText(String(decoding: flatText, as: UTF8.self), parent: parent)
        }
        flatText.removeAll(keepingCapacity: true)
    }

    /// A string of libxml2's, as written.
    private static func string(_ pointer: UnsafePointer<xmlChar>) -> String {
        String(decoding: UnsafeBufferPointer(start: pointer, count: Int(xmlStrlen(pointer))), as: UTF8.self)
    }

    private mutating func isScriptOrStyle(_ name: UnsafePointer<xmlChar>) -> Bool {
        let lowered = names.name(name)
        return lowered == "script" || lowered == "style"
    }

    /// The attributes of a start tag: libxml2's list of name and value pointers, ending
    /// with a null name; a null value is an attribute written without one.
    private mutating func attributeList(_ list: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?, of elementName: UnsafePointer<xmlChar>) -> [HTMLAttribute] {
        guard let list else { return [] }
        var count = 0
        while list[2 * count] != nil { count += 1 }
        var attributes: [HTMLAttribute] = []
        attributes.reserveCapacity(count)
        // What the filter keeps on this element beyond its names, looked up at the first
        // attribute they do not keep.
        var extra: Set<String>??
        for index in 0..<count {
            guard let name = list[2 * index] else { break }
            let kept: String
            if filtersAttributes {
                if let known = names.attributeName(name, filter: self.attributes) {
                    kept = known
                } else {
                    if extra == nil { extra = .some(names.keptOn(element: elementName, filter: self.attributes)) }
                    guard let onElement = extra ?? nil else { continue }
                    let attributeName = names.name(name)
                    guard onElement.contains(attributeName) else { continue }
                    kept = attributeName
                }
            } else {
                kept = names.name(name)
            }
            let value: String
            if let raw = list[2 * index + 1] {
                value = Self.string(raw)
            } else {
                value = htmlIsBooleanAttr(name) != 0 ? Self.string(name) : ""
            }
            attributes.append(HTMLAttribute(name: kept, value: value))
        }
        return attributes
    }
}

/// Element and attribute names, each made into a string once per parse. libxml2 hands
/// names out of its dictionary, one pointer per distinct name, so a name is looked up by
/// its pointer; the bytes are compared too, so a pointer that is not the dictionary's
/// (a name libxml2 writes itself) is never mistaken for another name.
private struct NameCache {
    private var pointers = [UnsafePointer<xmlChar>?](repeating: nil, count: 64)
    private var strings = [String](repeating: "", count: 64)
    private var tags = [HTMLTag](repeating: .other, count: 64)
    /// Per name, whether `ParseLimits.attributes` keeps it as an attribute: 0 unknown yet,
    /// 1 kept, 2 left out.
    private var kept = [UInt8](repeating: 0, count: 64)
    /// Per name, its bytes as libxml2 wrote them: the length and the first eight packed,
    /// which tell a name from another at once (most names are that short).
    private var lengths = [Int](repeating: -1, count: 64)
    private var prefixes = [UInt64](repeating: 0, count: 64)
    private var used = 0

    /// The name at `pointer`, lowercase (libxml2 lowercases HTML names already; a name
    /// that is not plain lowercase ASCII is lowercased here).
    mutating func name(_ pointer: UnsafePointer<xmlChar>) -> String {
        strings[slot(pointer)]
    }

    /// The element name at `pointer`, lowercase, and its tag.
    mutating func element(_ pointer: UnsafePointer<xmlChar>) -> (name: String, tag: HTMLTag) {
        let slot = slot(pointer)
        return (strings[slot], tags[slot])
    }

    /// The attribute name at `pointer`, or nil when `filter` leaves it out; each name is
    /// looked up in the filter once.
    mutating func attributeName(_ pointer: UnsafePointer<xmlChar>, filter: ParseLimits.Attributes) -> String? {
        let slot = slot(pointer)
        if kept[slot] == 0 { kept[slot] = filter.keeps(strings[slot]) ? 1 : 2 }
        return kept[slot] == 1 ? strings[slot] : nil
    }

    /// The attributes `filter` keeps on the element named at `pointer` beyond its
    /// `names`, or nil; each element name is looked up in the filter once.
    mutating func keptOn(element pointer: UnsafePointer<xmlChar>, filter: ParseLimits.Attributes) -> Set<String>? {
        guard !filter.keptOn.isEmpty else { return nil }
        let slot = slot(pointer)
        if extras[slot] == 0 {
            if let found = filter.keptOn[strings[slot]] {
                extraSets.append(found)
                extras[slot] = Int32(extraSets.count + 1)
            } else {
                extras[slot] = 1
            }
        }
        return extras[slot] > 1 ? extraSets[Int(extras[slot]) - 2] : nil
    }

    /// Per name, as an element's: 0 unknown yet, 1 nothing kept beyond the filter's names,
    /// else 2 + its index in `extraSets`.
    private var extras = [Int32](repeating: 0, count: 64)
    private var extraSets: [Set<String>] = []

    /// The slot of the name at `pointer`, added when new.
    private mutating func slot(_ pointer: UnsafePointer<xmlChar>) -> Int {
        let length = Int(xmlStrlen(pointer))
        let bytes = UnsafeBufferPointer(start: pointer, count: length)
        let mask = pointers.count - 1
        var slot = Self.home(of: pointer, mask: mask)
        let prefix = Self.prefix(bytes)
        while let cached = pointers[slot] {
            if cached == pointer {
                if lengths[slot] == length && prefixes[slot] == prefix && (length <= 8 || Self.same(strings[slot], bytes)) { return slot }
                break // the same pointer now holds another name
            }
            slot = (slot + 1) & mask
        }
        let string = String(decoding: bytes, as: UTF8.self)
        let name = bytes.allSatisfy({ $0 < 0x80 && !(0x41...0x5A).contains($0) }) ? string : string.lowercased()
        if pointers[slot] == nil {
            guard used * 2 < pointers.count else {
                grow()
                return self.slot(pointer)
            }
            used += 1
        }
        pointers[slot] = pointer
        strings[slot] = name
        tags[slot] = HTMLTag(name: name)
        lengths[slot] = length
        prefixes[slot] = prefix
        kept[slot] = 0
        extras[slot] = 0
        return slot
    }

    /// Up to the first eight bytes, packed.
    @inline(__always)
    private static func prefix(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var packed: UInt64 = 0
        for index in 0..<Swift.min(bytes.count, 8) { packed = packed << 8 | UInt64(bytes[index]) }
        return packed
    }

    /// Where a pointer's probe starts.
    private static func home(of pointer: UnsafePointer<xmlChar>, mask: Int) -> Int {
        Int(bitPattern: UInt(bitPattern: pointer) >> 4 &* 0x9E37_79B9) & mask
    }

    /// Whether `string` is written as `bytes` (the stored name of a name longer than
    /// eight bytes, which libxml2 wrote lowercase).
    private static func same(_ string: String, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var string = string
        return string.withUTF8 { own in
            own.count == bytes.count && (own.count == 0 || memcmp(own.baseAddress!, bytes.baseAddress!, own.count) == 0)
        }
    }

    private mutating func grow() {
        let old = pointers.indices.compactMap { slot in pointers[slot].map { ($0, strings[slot], tags[slot], lengths[slot], prefixes[slot]) } }
        pointers = [UnsafePointer<xmlChar>?](repeating: nil, count: pointers.count * 2)
        strings = [String](repeating: "", count: strings.count * 2)
        tags = [HTMLTag](repeating: .other, count: tags.count * 2)
        lengths = [Int](repeating: -1, count: lengths.count * 2)
        prefixes = [UInt64](repeating: 0, count: prefixes.count * 2)
        kept = [UInt8](repeating: 0, count: kept.count * 2)
        extras = [Int32](repeating: 0, count: extras.count * 2)
        used = 0
        let mask = pointers.count - 1
        for (pointer, string, tag, length, prefix) in old {
            var slot = Self.home(of: pointer, mask: mask)
            while pointers[slot] != nil { slot = (slot + 1) & mask }
            pointers[slot] = pointer
            strings[slot] = string
            tags[slot] = tag
            lengths[slot] = length
            prefixes[slot] = prefix
            used += 1
        }
    }
}
