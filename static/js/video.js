// Click-to-load players: nothing is fetched from Loom, YouTube or Vimeo until the delegate
// asks for it. Without JavaScript the plain link below each player still works.
(function () {
  document.querySelectorAll("[data-video]").forEach(function (box) {
    const button = box.querySelector("[data-video-load]");
    button.addEventListener("click", function () {
      const frame = document.createElement("iframe");
      frame.src = box.dataset.video;
      frame.title = box.dataset.videoTitle;
      frame.className = "w-100 border rounded";
      frame.style.aspectRatio = "16 / 9";
      frame.allow = "fullscreen; picture-in-picture";
      frame.setAttribute("allowfullscreen", "");
      box.replaceChildren(frame);
      frame.focus();
    });
  });
})();
