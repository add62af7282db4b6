// ingest/xml: resource limits that keep hostile XML in bounded memory.

/**
 * Limits the XML tokenizer and mapper enforce; exceeding one is an LK6108 error.
 * Lengths count UTF-16 code units of decoded text (about one per byte for ASCII).
 */
export interface XmlLimits {
  /** Deepest element nesting allowed (the document element is depth 1). Default 1,000. */
  readonly maxDepth: number;
  /**
   * Longest single text node, attribute value, comment, CDATA section, processing instruction
   * or tag, and longest direct text collected for one mapped element. Default 64 Mi (67,108,864).
   */
  readonly maxTokenChars: number;
  /**
   * Most bytes of child rows one record may buffer while its key is still unknown (the key element
   * comes after the children). Default 64 Mi.
   */
  readonly maxPendingRecordChars: number;
}

/** The defaults of {@link XmlLimits}. */
export const DEFAULT_XML_LIMITS: XmlLimits = Object.freeze({
  maxDepth: 1000,
  maxTokenChars: 64 * 1024 * 1024,
  maxPendingRecordChars: 64 * 1024 * 1024,
});

/** Fills unset fields of `limits` from {@link DEFAULT_XML_LIMITS}. */
export function resolveXmlLimits(limits: Partial<XmlLimits> | undefined): XmlLimits {
  return { ...DEFAULT_XML_LIMITS, ...(limits ?? {}) };
}
