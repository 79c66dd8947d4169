package dev.jtwisted.web.client;

import dev.jtwisted.internet.defer.Deferred;

/** Something that sends one request: a connection, or a pooled one that retries. Not API. */
interface RequestSender {
    Deferred<IResponse> request(ClientRequest request);
}
