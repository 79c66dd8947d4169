/**
 * The notification client of the talk "a Twisted introduction" and the line server it talks to:
 * requests answered with one line ({@code random?}, {@code classified?}) mixed with events the
 * server pushes in notification mode ({@code notif: random}). The client is written twice, once
 * with callback chains and once with inline callbacks, over one protocol class that does the
 * parsing and dispatching for both.
 * Twisted: the talk's {@code Client(basic.LineReceiver)} and its {@code MyClient} subclasses, on
 * {@code twisted.protocols.basic}, {@code twisted.internet.defer} and {@code twisted.internet.task}.
 */
package dev.jtwisted.samples.notify;
