/**
 * Endpoints: where a server listens or a client connects, as an object or as a string such as
 * {@code "tcp:8080:interface=127.0.0.1"}, so that programs take their addresses from
 * configuration.
 * Twisted: {@code twisted.internet.endpoints}.
 */
package dev.jtwisted.internet.endpoints;
