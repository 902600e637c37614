#ifndef CLAIMEX_CLIBXML2_SHIM_H
#define CLAIMEX_CLIBXML2_SHIM_H

// libxml2's headers pull in the system ICU headers when LIBXML_ICU_ENABLED is set, and
// those clash with the ICU that Foundation ships ('UErrorCode' has different definitions
// in different modules). claimex never uses libxml2's ICU encoders, so turn them off
// before any other libxml2 header is read.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED

#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/parserInternals.h>

// The version of the libxml2 loaded at run time ("20914" for 2.9.14), which may differ
// from the headers'.
static inline const char *claimex_libxml_version(void) {
    return xmlParserVersion;
}

// `xmlFree` is a global function pointer, which Swift 6 refuses as shared mutable state.
static inline void claimex_xml_free(void *pointer) {
    xmlFree(pointer);
}

// libxml2 prints messages that bypass a parser's structured handler through a per-thread
// generic handler; claimex never lets libxml2 print, so this thread's handler is a no-op.
// The handler is variadic, which Swift cannot implement, hence C.
static inline void claimex_ignore_generic_error(void *context, const char *message, ...) {
    (void)context;
    (void)message;
}

static inline void claimex_silence_generic_errors(void) {
    xmlSetGenericErrorFunc(NULL, claimex_ignore_generic_error);
}

#endif
