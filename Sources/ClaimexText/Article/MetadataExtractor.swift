import ClaimexHTML
import ClaimexModel
import Foundation

/// Reads an article's metadata from a page: JSON-LD, Open Graph and other `<meta>` tags,
/// `<link rel=canonical>`, `<time datetime>`, the `<h1>` and the `<title>`.
struct MetadataExtractor {
    /// What the page says, before priorities are applied.
    struct Facts {
        var metaTags: [String: String] = [:]
        var canonical: String?
        var titleTag: String?
        var firstH1: String?
        var firstTime: String?
        var htmlLang: String?
        var bylineElement: String?
        var jsonLD = JSONLDArticle()
    }

    /// The fields of the JSON-LD object that describes the article.
    struct JSONLDArticle {
        var headline: String?
        var datePublished: String?
        var authors: [String] = []
        var publisher: String?
        var url: String?
        var articleBody: String?
        var inLanguage: String?
    }

    static let articleTypes: Set<String> = [
        "newsarticle", "article", "reportagenewsarticle", "analysisnewsarticle", "blogposting", "backgroundnewsarticle",
        "opinionnewsarticle", "reviewnewsarticle", "scholarlyarticle", "techarticle", "report", "liveblogposting",
        "socialmediaposting", "webpage",
    ]

    /// Collects the facts of a page in one walk of its tree.
    static func facts(of tree: HTMLTree) -> Facts {
        var facts = Facts()
        guard tree.count > 0 else { return facts }
        facts.htmlLang = tree[0][attribute: "lang"] ?? tree[0][attribute: "xml:lang"]
        // The ends of the open `nav`, `aside` and `footer` elements: what comes before the
        // innermost end is inside furniture.
        var furnitureEnds: [Int] = []
        // Nodes are read in place: copying each to read it would retain and release its fields.
        tree.nodes.withUnsafeBufferPointer { nodes in
            var index = 0
            while index < nodes.count {
                while let end = furnitureEnds.last, end <= index { furnitureEnds.removeLast() }
                if nodes[index].isText {
                    index += 1
                    continue
                }
                switch nodes[index].tag {
                case .meta:
                    let key = (nodes[index][attribute: "property"] ?? nodes[index][attribute: "name"] ?? nodes[index][attribute: "itemprop"]
                        ?? nodes[index][attribute: "http-equiv"])?.lowercased()
                    if let key, let content = nodes[index][attribute: "content"], facts.metaTags[key] == nil,
                       !isBlank(content, newlines: false) {
                        facts.metaTags[key] = content
                    }
                case .link:
                    let rel = nodes[index][attribute: "rel"]?.lowercased().split(separator: " ") ?? []
                    if rel.contains("canonical"), facts.canonical == nil, let href = nodes[index][attribute: "href"], !href.isEmpty {
                        facts.canonical = href
                    }
                case .title:
                    if facts.titleTag == nil { facts.titleTag = tree.text(under: index) }
                case .h1:
                    if facts.firstH1 == nil, furnitureEnds.isEmpty {
                        let heading = TextCleaner.clean(tree.text(under: index))
                        if !heading.isEmpty { facts.firstH1 = heading }
                    }
                case .time:
                    if facts.firstTime == nil, let value = nodes[index][attribute: "datetime"], !value.isEmpty { facts.firstTime = value }
                case .script:
                    if nodes[index][attribute: "type"]?.lowercased() == "application/ld+json" {
                        readJSONLD(tree.text(under: index), into: &facts.jsonLD)
                    }
                    index = nodes[index].end
                    continue
                default:
                    break
                }
                if facts.bylineElement == nil, nodes[index].tag != .meta, !nodes[index].attributes.isEmpty, namesByline(nodes[index]) {
                    let byline = TextCleaner.clean(tree.text(under: index))
                    if !byline.isEmpty && byline.count < 120 { facts.bylineElement = byline }
                }
                if nodes[index].tag == .nav || nodes[index].tag == .aside || nodes[index].tag == .footer {
                    furnitureEnds.append(nodes[index].end)
                }
                index += 1
            }
        }
        return facts
    }

    /// Whether an element's class, rel or itemprop names a byline: holds `byline`, or the
    /// word `author`, in any case.
    static func namesByline(_ element: HTMLTree.Node) -> Bool {
        guard !element.attributes.isEmpty else { return false }
        for name in ["class", "rel", "itemprop"] {
            guard var value = element[attribute: name] else { continue }
            if value.withUTF8(namesByline(_:)) { return true }
        }
        return false
    }

    private static func namesByline(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var wordStart = 0
        for index in 0...bytes.count {
            if index + 6 <= bytes.count, bytes[index] | 0x20 == 0x62, matches(bytes, at: index, "byline") { return true } // b
            if index == bytes.count || bytes[index] == 0x20 {
                if index - wordStart == 6, matches(bytes, at: wordStart, "author") { return true }
                wordStart = index + 1
            }
        }
        return false
    }

    /// Whether `bytes` hold `word` (lowercase ASCII) at `start`, ignoring ASCII case.
    private static func matches(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int, _ word: StaticString) -> Bool {
        var offset = 0
        for expected in UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount) {
            let byte = bytes[start + offset]
            guard byte == expected || (byte >= 0x41 && byte <= 0x5A && byte | 0x20 == expected) else { return false }
            offset += 1
        }
        return true
    }

    /// Whether `text` holds nothing but white space (Unicode spaces and tabs; with
    /// `newlines`, line breaks too).
    static func isBlank(_ text: String, newlines: Bool) -> Bool {
        text.unicodeScalars.allSatisfy { isSpace($0, newlines: newlines) }
    }

    private static func isSpace(_ scalar: Unicode.Scalar, newlines: Bool) -> Bool {
        switch scalar.value {
        case 0x20, 0x09: return true
        case 0x0A...0x0D, 0x85: return newlines
        case ..<0x80: return false
        default:
            switch scalar.properties.generalCategory {
            case .spaceSeparator: return true
            case .lineSeparator, .paragraphSeparator: return newlines
            default: return false
            }
        }
    }

    /// `text` without white space (Unicode spaces, tabs and line breaks) at either end.
    static func trimmed(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !isSpace($0, newlines: true) }),
              let last = scalars.lastIndex(where: { !isSpace($0, newlines: true) }) else { return "" }
        return String(scalars[first...last])
    }

    /// Applies the priorities: JSON-LD first, then Open Graph, then the page's own markup.
    static func metadata(from facts: Facts) -> ArticleMetadata {
        let meta = facts.metaTags
        var metadata = ArticleMetadata()
        let site = first(facts.jsonLD.publisher, meta["og:site_name"], meta["application-name"], meta["twitter:site"].flatMap { $0.hasPrefix("@") ? nil : $0 })
        metadata.site = site
        metadata.title = first(facts.jsonLD.headline, meta["og:title"], meta["twitter:title"], facts.firstH1,
                               facts.titleTag.map { stripSiteSuffix($0, site: site) })
        let published = first(facts.jsonLD.datePublished, meta["article:published_time"], meta["og:published_time"],
                              meta["datepublished"], meta["date"], meta["pubdate"], meta["publishdate"], meta["publish-date"],
                              meta["dc.date"], meta["dc.date.issued"], meta["dcterms.created"], meta["dcterms.date"],
                              meta["sailthru.date"], meta["parsely-pub-date"], facts.firstTime)
        metadata.published = published.flatMap(DateNormalizer.iso8601)
        metadata.url = first(facts.canonical, meta["og:url"], facts.jsonLD.url)
        let authors = facts.jsonLD.authors
        metadata.byline = first(authors.isEmpty ? nil : authors.joined(separator: ", "), meta["author"], meta["article:author"].flatMap { $0.hasPrefix("http") ? nil : $0 },
                                meta["byl"].map { $0.replacingOccurrences(of: "By ", with: "") }, facts.bylineElement)
        metadata.lang = first(facts.htmlLang, facts.jsonLD.inLanguage, meta["content-language"],
                              meta["og:locale"].map { $0.replacingOccurrences(of: "_", with: "-") })
        return metadata
    }

    /// The first value that is not blank, cleaned.
    private static func first(_ values: String?...) -> String? {
        for value in values {
            if let value {
                let cleaned = TextCleaner.clean(value)
                if !cleaned.isEmpty { return cleaned }
            }
        }
        return nil
    }

    /// `Headline | Site` → `Headline`: drops the part after the last separator when it is
    /// the site's name or short enough to be one.
    static func stripSiteSuffix(_ title: String, site: String?) -> String {
        let cleaned = TextCleaner.clean(title)
        for separator in [" | ", " – ", " — ", " - ", " :: ", " · ", " » "] {
            guard let range = cleaned.range(of: separator, options: .backwards) else { continue }
            let head = String(cleaned[..<range.lowerBound])
            let tail = String(cleaned[range.upperBound...])
            let isSite = site.map { tail.caseInsensitiveCompare($0) == .orderedSame } ?? false
            if isSite || (tail.split(separator: " ").count <= 4 && head.split(separator: " ").count >= 3) {
                return head
            }
        }
        return cleaned
    }

    // MARK: - JSON-LD

    static func readJSONLD(_ source: String, into article: inout JSONLDArticle) {
        var trimmed = Self.trimmed(source)
        if trimmed.hasPrefix("<!--") { trimmed = String(trimmed.dropFirst(4)) }
        if trimmed.hasSuffix("-->") { trimmed = String(trimmed.dropLast(3)) }
        guard let data = trimmed.data(using: .utf8),
              let json = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) else { return }
        var objects: [[String: Any]] = []
        collectObjects(json, into: &objects)
        // The article object, or failing that the first object with a headline.
        let chosen = objects.first { types(of: $0).contains(where: { articleTypes.contains($0) && $0 != "webpage" }) }
            ?? objects.first { $0["headline"] != nil }
        guard let object = chosen else { return }
        if article.headline == nil { article.headline = string(object["headline"]) ?? string(object["name"]) }
        if article.datePublished == nil { article.datePublished = string(object["datePublished"]) ?? string(object["dateCreated"]) }
        if article.authors.isEmpty { article.authors = names(object["author"]) }
        if article.publisher == nil { article.publisher = names(object["publisher"]).first }
        if article.url == nil {
            article.url = string(object["url"]) ?? string(object["mainEntityOfPage"])
                ?? (object["mainEntityOfPage"] as? [String: Any]).flatMap { string($0["@id"]) ?? string($0["url"]) }
        }
        if article.articleBody == nil { article.articleBody = string(object["articleBody"]) }
        if article.inLanguage == nil { article.inLanguage = string(object["inLanguage"]) }
    }

    private static func collectObjects(_ json: Any, into objects: inout [[String: Any]]) {
        if let array = json as? [Any] {
            for item in array { collectObjects(item, into: &objects) }
        } else if let object = json as? [String: Any] {
            objects.append(object)
            if let graph = object["@graph"] { collectObjects(graph, into: &objects) }
        }
    }

    private static func types(of object: [String: Any]) -> [String] {
        if let type = object["@type"] as? String { return [type.lowercased()] }
        if let types = object["@type"] as? [Any] { return types.compactMap { ($0 as? String)?.lowercased() } }
        return []
    }

    private static func string(_ value: Any?) -> String? {
        if let text = value as? String, !isBlank(text, newlines: true) { return text }
        return nil
    }

    private static func names(_ value: Any?) -> [String] {
        if let text = string(value) { return [text] }
        if let object = value as? [String: Any] { return string(object["name"]).map { [$0] } ?? [] }
        if let array = value as? [Any] { return array.flatMap { names($0) } }
        return []
    }
}
