/**
 * Server services from description strings such as {@code "tcp:8080:interface=127.0.0.1"}, so a
 * program takes where it listens from its configuration.
 * Twisted: {@code twisted.application.strports}.
 */
package dev.jtwisted.application.strports;
