internal import CLibXML2
import ClaimexModel

/// Parses UTF-8 HTML with libxml2's HTML parser and copies the tree into an `HTMLTree`.
///
/// This is the only file that sees libxml2. The parser runs in recovery mode with network
/// access off and its own error output off; its complaints are collected as diagnostics.
/// libxml2's HTML parser loads no DTD and no external entity. The C document is freed
/// before `parse` returns, and no libxml2 pointer leaves this file.
struct LibXML2Parser: Sendable {
    let limits: ParseLimits

    /// How many of libxml2's messages are kept per page; the rest are only counted.
    static let keptMessages = 20

    /// Initializes libxml2 once per process, before any worker thread parses.
    static let initialized: Bool = {
        xmlInitParser()
        return true
    }()

    func parse(utf8: [UInt8], encoding: DetectedEncoding, diagnostics: [Diagnostic]) throws(HTMLError) -> HTMLDocument {
        _ = Self.initialized
        guard let context = htmlNewParserCtxt() else {
            throw .noTree("libxml2 could not allocate a parser")
        }
        defer { htmlFreeParserCtxt(context) }

        let collector = MessageCollector()
        let unmanaged = Unmanaged.passRetained(collector)
        defer { unmanaged.release() }
        context.pointee._private = unmanaged.toOpaque()
        if let sax = context.pointee.sax {
            sax.pointee.initialized = XML_SAX2_MAGIC
            sax.pointee.serror = { userData, error in
                guard let userData, let error else { return }
                let parserContext = userData.assumingMemoryBound(to: htmlParserCtxt.self)
                guard let box = parserContext.pointee._private else { return }
                let collector = Unmanaged<MessageCollector>.fromOpaque(box).takeUnretainedValue()
                collector.add(level: error.pointee.level, line: Int(error.pointee.line), message: error.pointee.message)
            }
        }
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
        let document: htmlDocPtr? = utf8.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                htmlCtxtReadMemory(context, chars.baseAddress, Int32(clamping: chars.count), nil, "UTF-8", options)
            }
        }
        guard let document else {
            throw .noTree(collector.messages.first ?? "no document")
        }
        defer { xmlFreeDoc(document) }

        var notes = diagnostics
        notes.append(contentsOf: collector.messages.map { Diagnostic(.note, "libxml2: \($0)") })
        if collector.dropped > 0 {
            notes.append(Diagnostic(.note, "libxml2: \(collector.dropped) more messages"))
        }
        var walker = TreeWalker(maxDepth: limits.maxDepth)
        guard let rootNode = xmlDocGetRootElement(document) else {
            throw .noTree(collector.messages.first ?? "the page has no elements")
        }
        walker.element(rootNode, depth: 0)
        if walker.flattened > 0 {
            notes.append(Diagnostic(.warning, "\(walker.flattened) elements nested deeper than \(limits.maxDepth) levels were flattened"))
        }
        return HTMLDocument(tree: walker.tree, encoding: encoding, diagnostics: notes)
    }
}

/// Gathers libxml2's structured errors for one parse.
private final class MessageCollector {
    var messages: [String] = []
    var dropped = 0

    func add(level: xmlErrorLevel, line: Int, message: UnsafeMutablePointer<CChar>?) {
        guard messages.count < LibXML2Parser.keptMessages else {
            dropped += 1
            return
        }
        let text = message.map { String(cString: $0) }?.trimmingASCIIWhitespace() ?? "unknown problem"
        let kind = level == XML_ERR_WARNING ? "warning" : "error"
        messages.append("line \(line): \(kind): \(text)")
    }
}

/// Copies libxml2 nodes into an `HTMLTree` in one pass.
private struct TreeWalker {
    let maxDepth: Int
    var flattened = 0
    private(set) var tree = HTMLTree()

    init(maxDepth: Int) {
        self.maxDepth = maxDepth
    }

    mutating func element(_ node: xmlNodePtr, depth: Int) {
        let name = node.pointee.name.map { String(cString: $0).lowercased() } ?? ""
        var attributes: [HTMLAttribute] = []
        var attribute = node.pointee.properties
        while let current = attribute {
            if let attributeName = current.pointee.name {
                attributes.append(HTMLAttribute(name: String(cString: attributeName).lowercased(),
                                                value: Self.value(of: current)))
            }
            attribute = current.pointee.next
        }
        let index = tree.open(name, attributes: attributes)
        var child = node.pointee.children
        while let current = child {
            switch current.pointee.type {
            case XML_ELEMENT_NODE:
                if depth + 1 >= maxDepth {
                    // Too deep: keep the text, lose the structure, and never recurse further.
                    flattened += 1
                    let text = Self.flattenedText(current)
                    if !text.isEmpty { tree.appendText(text, parent: index) }
                } else {
                    element(current, depth: depth + 1)
                }
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = current.pointee.content {
                    tree.appendText(String(cString: content), parent: index)
                }
            default:
                break
            }
            child = current.pointee.next
        }
        tree.close(index)
    }

    private static func value(of attribute: xmlAttrPtr) -> String {
        var value = ""
        var child = attribute.pointee.children
        while let current = child {
            if let content = current.pointee.content { value += String(cString: content) }
            child = current.pointee.next
        }
        return value
    }

    /// The text under `node`, gathered with an explicit stack so depth cannot overflow ours.
    private static func flattenedText(_ node: xmlNodePtr) -> String {
        var pieces: [String] = []
        var stack: [xmlNodePtr] = [node]
        while let current = stack.popLast() {
            if current.pointee.type == XML_TEXT_NODE || current.pointee.type == XML_CDATA_SECTION_NODE {
                if let content = current.pointee.content { pieces.append(String(cString: content)) }
                continue
            }
            guard current.pointee.type == XML_ELEMENT_NODE else { continue }
            if let name = current.pointee.name, ["script", "style"].contains(String(cString: name).lowercased()) {
                continue
            }
            var children: [xmlNodePtr] = []
            var child = current.pointee.children
            while let next = child {
                children.append(next)
                child = next.pointee.next
            }
            stack.append(contentsOf: children.reversed())
            pieces.append(" ")
        }
        return pieces.joined()
    }
}
