package io.taskport.spring.web.app;

import java.util.Map;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** The host's own multipart endpoint, outside Taskport's paths: Spring's multipart support serves it. */
@RestController
class HostUploads {
  @PostMapping("/host/upload")
  Map<String, Object> upload(@RequestParam String type, @RequestPart MultipartFile file) {
    return Map.of("type", type, "name", String.valueOf(file.getOriginalFilename()), "size", file.getSize());
  }
}
