#include <gmime/gmime.h>

/* GObject's type checks and casts are macros, which Swift cannot call: these are them. */
static inline int gd_is_multipart(void *object) { return GMIME_IS_MULTIPART(object); }
static inline int gd_is_message_part(void *object) { return GMIME_IS_MESSAGE_PART(object); }
static inline int gd_is_part(void *object) { return GMIME_IS_PART(object); }
static inline int gd_is_text_part(void *object) { return GMIME_IS_TEXT_PART(object); }
static inline int gd_is_mailbox(void *address) { return INTERNET_ADDRESS_IS_MAILBOX(address); }
static inline GMimeObject *gd_object(void *object) { return (GMimeObject *) object; }
static inline GMimePart *gd_part(void *object) { return (GMimePart *) object; }
static inline GMimeTextPart *gd_text_part(void *object) { return (GMimeTextPart *) object; }
static inline GMimeMultipart *gd_multipart(void *object) { return (GMimeMultipart *) object; }
static inline GMimeMessagePart *gd_message_part(void *object) { return (GMimeMessagePart *) object; }
static inline InternetAddressMailbox *gd_mailbox(void *address) { return (InternetAddressMailbox *) address; }
static inline GMimeStreamMem *gd_stream_mem(void *stream) { return (GMimeStreamMem *) stream; }
static inline void gd_unref(void *object) { g_object_unref(object); }
static inline GMimeStreamFilter *gd_stream_filter(void *stream) { return (GMimeStreamFilter *) stream; }
