/**
 * The netcat chat with an HTTP admin API and dashboard: users connect with {@code nc}, get a
 * banner, and every line one sends goes to all the others ({@link
 * dev.jtwisted.samples.chat.NetCatChatFactory} keeps the users and the banner); a web site on a
 * second port ({@link dev.jtwisted.samples.chat.Root}) counts the users and reads and sets the
 * banner in JSON ({@link dev.jtwisted.samples.chat.Json}, a small strict parser and writer), and
 * serves a dashboard page that does both from a browser. {@link
 * dev.jtwisted.samples.chat.ChatServer} runs the two.
 * Twisted: {@code chat.py}, {@code api.py} and {@code runner.py} of the talk "Twisted: Concepts
 * &amp; Patterns" (github.com/percipient/talks), on {@code twisted.internet.protocol},
 * {@code twisted.protocols.basic} and {@code twisted.web}.
 */
package dev.jtwisted.samples.chat;
