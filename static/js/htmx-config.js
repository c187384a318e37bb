// htmx settings for a strict Content-Security-Policy (scripts and styles only from self):
// no <style> element for the indicators, no eval (hx-on, js: expressions are not used).
htmx.config.includeIndicatorStyles = false;
htmx.config.allowEval = false;
htmx.config.allowScriptTags = false;
