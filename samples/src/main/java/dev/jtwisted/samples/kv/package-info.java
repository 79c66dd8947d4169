/**
 * The key-value store of the EuroPython 2012 Twisted training, in its three programs: a
 * memcache-like line server whose values expire ({@code kv}), a pipelining client that matches
 * replies to requests in order ({@code kv-client}), and a web front end that uses that client
 * ({@code kv-web}).
 * Twisted: the training's {@code keyvalue.py}, {@code keyvalue_server.py},
 * {@code keyvalue_client2.py} and {@code keyvalue_web.py}, on {@code twisted.protocols.basic},
 * {@code twisted.internet.defer} and {@code twisted.web}.
 */
package dev.jtwisted.samples.kv;
