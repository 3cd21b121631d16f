/**
 * The client side of MSRP relays (RFC 4976): Digest authentication of AUTH requests.
 */
package org.parley.msrp.core.relay;
