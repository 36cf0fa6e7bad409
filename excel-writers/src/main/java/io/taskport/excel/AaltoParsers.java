package io.taskport.excel;

import com.fasterxml.aalto.stax.InputFactoryImpl;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;

/**
 * Creates StAX readers from Aalto's non-blocking parser, constructed directly rather than found
 * through the JDK's JVM-wide {@code XMLInputFactory} lookup, and hardened as {@link XmlParsers}
 * is: no DTD support, no external entities, a resolver that refuses every entity. Aalto never
 * expands entities declared in a DTD, and {@link XmlParsers#open} refuses any {@code DOCTYPE}
 * before the root element, so the readers keep every hostile-file guard when they switch to it.
 */
final class AaltoParsers {
  private AaltoParsers() {}

  /** Returns a new factory; one per reader, never shared or global. */
  static XMLInputFactory newFactory() {
    XMLInputFactory f = new InputFactoryImpl();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, true);
    f.setProperty(XMLInputFactory.IS_COALESCING, false);
    f.setXMLResolver(
        (publicId, systemId, baseUri, namespace) -> {
          throw new XMLStreamException("external entities are not allowed");
        });
    return f;
  }
}
