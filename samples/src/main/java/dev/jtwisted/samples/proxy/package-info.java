/**
 * The training's URL-fetching proxies: a line server that takes a URL and answers with the page
 * body, in the three versions the EuroPython 2012 Twisted training builds one after the other
 * (blocking, Deferred callbacks, inline callbacks), the caching proxy of its exercise, and the
 * proxying web resource of its web examples.
 *
 * <p>Twisted: {@code proxy1.py}, {@code proxy2.py}, {@code proxy3.py}, the caching-proxy
 * exercise and {@code web3b.py} of the training (shared/seeds/000_… and 003_…).
 */
package dev.jtwisted.samples.proxy;
