package io.taskport.spring.web.app;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A host application as a user writes one, on the starter: account handlers, two users (ann/ann
 * and bob/bob) and nothing else. The web tests run it on a random port.
 */
@SpringBootApplication
public class TestApplication {}
