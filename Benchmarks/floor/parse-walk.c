/*
 * The floor of claimex's speed: read every page under the given folders, parse it with
 * libxml2's HTML parser (the options claimex uses) and walk the tree once, touching every
 * element's name and attributes and every text node, as claimex's own walk does. Nothing
 * else: no decoding decisions, no article extraction, no rules.
 *
 *   cc -O2 -o parse-walk parse-walk.c $(pkg-config --cflags --libs libxml-2.0)
 *   ./parse-walk DIR...        prints: pages, elements, text bytes
 */
#define _XOPEN_SOURCE 700
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

static long pages, elements, text_bytes;

static void silence(void *context, const char *message, ...) { (void)context; (void)message; }

static void walk(xmlNodePtr node) {
    for (; node != NULL; node = node->next) {
        if (node->type == XML_ELEMENT_NODE) {
            elements++;
            text_bytes += (long)strlen((const char *)node->name);
            for (xmlAttrPtr attribute = node->properties; attribute != NULL; attribute = attribute->next) {
                if (attribute->children != NULL && attribute->children->content != NULL)
                    text_bytes += (long)strlen((const char *)attribute->children->content);
            }
            walk(node->children);
        } else if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
            if (node->content != NULL) text_bytes += (long)strlen((const char *)node->content);
        }
    }
}

static int visit(const char *path, const struct stat *info, int type, struct FTW *ftw) {
    (void)ftw;
    size_t length = strlen(path);
    if (type != FTW_F || length < 5 || strcmp(path + length - 5, ".html") != 0) return 0;
    FILE *file = fopen(path, "rb");
    if (file == NULL) return 0;
    char *bytes = malloc((size_t)info->st_size + 1);
    size_t count = fread(bytes, 1, (size_t)info->st_size, file);
    fclose(file);
    int options = HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_COMPACT;
    htmlDocPtr document = htmlReadMemory(bytes, (int)count, path, "UTF-8", options);
    if (document != NULL) {
        walk(xmlDocGetRootElement(document));
        xmlFreeDoc(document);
    }
    free(bytes);
    pages++;
    return 0;
}

int main(int argc, char **argv) {
    xmlInitParser();
    xmlSetGenericErrorFunc(NULL, silence);
    for (int index = 1; index < argc; index++) {
        if (nftw(argv[index], visit, 32, FTW_PHYS) != 0) {
            fprintf(stderr, "parse-walk: cannot walk %s\n", argv[index]);
            return 1;
        }
    }
    printf("%ld pages, %ld elements, %ld text bytes\n", pages, elements, text_bytes);
    return 0;
}
