/**
 * {@code message/cpim} bodies (RFC 3862), which MSRP uses to wrap messages for CPIM gateways and for types a peer
 * accepts only wrapped (RFC 4975 §8.6, §13).
 *
 * <p>{@link org.parley.msrp.core.cpim.CpimMessage} parses and builds them: message headers (From, To, cc,
 * DateTime, Subject, NS, Require and extension headers in namespaces), the encapsulated MIME headers and the
 * content. Parse failures are {@link org.parley.msrp.core.cpim.CpimParseException}s naming the line and the rule.
 * All types are immutable except the builder.
 */
package org.parley.msrp.core.cpim;
