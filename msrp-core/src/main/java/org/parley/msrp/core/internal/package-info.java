/**
 * Parley's session engine: connections, sessions, transactions, chunking and reassembly. Not API: these classes
 * may change in any release; use the types of {@code org.parley.msrp.core} instead.
 */
package org.parley.msrp.core.internal;
