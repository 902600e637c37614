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
    static func facts(of root: HTMLElement) -> Facts {
        var facts = Facts()
        facts.htmlLang = root[attribute: "lang"] ?? root[attribute: "xml:lang"]
        var stack: [(HTMLElement, Bool)] = [(root, false)]
        while let (element, inFurniture) = stack.popLast() {
            switch element.name {
            case "meta":
                let key = (element[attribute: "property"] ?? element[attribute: "name"] ?? element[attribute: "itemprop"]
                    ?? element[attribute: "http-equiv"])?.lowercased()
                if let key, let content = element[attribute: "content"], facts.metaTags[key] == nil,
                   !content.trimmingCharacters(in: .whitespaces).isEmpty {
                    facts.metaTags[key] = content
                }
            case "link":
                let rel = element[attribute: "rel"]?.lowercased().split(separator: " ") ?? []
                if rel.contains("canonical"), facts.canonical == nil, let href = element[attribute: "href"], !href.isEmpty {
                    facts.canonical = href
                }
            case "title":
                if facts.titleTag == nil { facts.titleTag = text(of: element) }
            case "h1":
                if facts.firstH1 == nil, !inFurniture {
                    let heading = TextCleaner.clean(text(of: element))
                    if !heading.isEmpty { facts.firstH1 = heading }
                }
            case "time":
                if facts.firstTime == nil, let value = element[attribute: "datetime"], !value.isEmpty { facts.firstTime = value }
            case "script":
                if element[attribute: "type"]?.lowercased() == "application/ld+json" {
                    readJSONLD(text(of: element), into: &facts.jsonLD)
                }
                continue
            default:
                break
            }
            if facts.bylineElement == nil, element.name != "meta" {
                let hint = ((element[attribute: "class"] ?? "") + " " + (element[attribute: "rel"] ?? "")
                    + " " + (element[attribute: "itemprop"] ?? "")).lowercased()
                if hint.contains("byline") || hint.split(separator: " ").contains("author") {
                    let byline = TextCleaner.clean(text(of: element))
                    if !byline.isEmpty && byline.count < 120 { facts.bylineElement = byline }
                }
            }
            let furniture = inFurniture || ["nav", "aside", "footer"].contains(element.name)
            for child in element.children.reversed() {
                if case .element(let childElement) = child { stack.append((childElement, furniture)) }
            }
        }
        return facts
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

    static func text(of element: HTMLElement) -> String {
        var pieces: [String] = []
        var stack: [HTMLNode] = [.element(element)]
        while let node = stack.popLast() {
            switch node {
            case .text(let text): pieces.append(text)
            case .element(let child):
                if child.name == "br" { pieces.append(" ") }
                stack.append(contentsOf: child.children.reversed())
            }
        }
        return pieces.joined()
    }

    // MARK: - JSON-LD

    static func readJSONLD(_ source: String, into article: inout JSONLDArticle) {
        var trimmed = source.trimmingCharacters(in: .whitespacesAndNewlines)
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
        if let text = value as? String, !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return text }
        return nil
    }

    private static func names(_ value: Any?) -> [String] {
        if let text = string(value) { return [text] }
        if let object = value as? [String: Any] { return string(object["name"]).map { [$0] } ?? [] }
        if let array = value as? [Any] { return array.flatMap { names($0) } }
        return []
    }
}
