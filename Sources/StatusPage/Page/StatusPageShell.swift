/// The page around the live part: styles for a phone held in one hand, and the script that
/// replaces the live part on every server-sent `status` event.
enum StatusPageShell {
    static func document(title: String, live: String) -> String {
        """
        <!doctype html>
        <html lang="zh-CN">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(HTMLText.escape(title))</title>
        <style>\(style)</style>
        </head>
        <body data-stream="connecting">
        <p id="stream-lost" class="banner warn">实时更新中断,正在重连 live updates lost, reconnecting…</p>
        <main id="live">
        \(live)</main>
        <footer><a href="/api/status">/api/status</a> · <a href="/metrics">/metrics</a></footer>
        <script>\(script)</script>
        </body>
        </html>

        """
    }

    static let style = """
        body{font:16px/1.4 system-ui,sans-serif;margin:0;padding:12px;background:#f4f5f7;color:#111}
        h1{font-size:1.3em;margin:0}h2{font-size:1.1em;margin:18px 0 6px}h3{font-size:1em;margin:0 0 4px}
        p{margin:2px 0}.sub{color:#555;font-size:.85em}
        .summary{display:grid;grid-template-columns:repeat(auto-fit,minmax(140px,1fr));gap:8px;margin-top:10px}
        .tile{border-radius:8px;padding:8px;background:#fff;font-size:.85em}.tile b{display:block;font-size:1.6em}
        .tile.ok{border-left:6px solid #2e7d32}.tile.warn{border-left:6px solid #f9a825}.tile.bad{border-left:6px solid #c62828}
        article{background:#fff;border-radius:8px;padding:10px;margin:8px 0}
        .alarm{background:#ffebee;border-left:6px solid #c62828}.alarm .duration{font-size:1.2em}
        .device.offline{border-left:6px solid #c62828}.device.online{border-left:6px solid #2e7d32}
        .state{font-size:.8em;padding:1px 6px;border-radius:10px;color:#fff}.state.ok{background:#2e7d32}.state.bad{background:#c62828}
        .badge{background:#6a1b9a;color:#fff;border-radius:10px;padding:1px 6px;font-size:.8em}
        .points{border-collapse:collapse;margin-top:4px;font-size:.9em}.points td{padding:1px 12px 1px 0}
        .points tr.active td{color:#c62828;font-weight:bold}
        .error{color:#c62828;font-size:.9em}.none{color:#555}
        .banner{border-radius:8px;padding:8px;margin:8px 0}.banner.bad{background:#ffcdd2}.banner.warn{background:#fff3cd}
        #stream-lost{display:none}body[data-stream=lost] #stream-lost{display:block}
        footer{margin-top:16px;font-size:.8em;color:#555}
        """

    static let script = """
        (function(){
          var live=document.getElementById('live');var updates=0;
          if(!window.EventSource)return;
          var limit=new URLSearchParams(location.search).get('events');
          var source=new EventSource('/api/stream'+(limit?'?events='+encodeURIComponent(limit):''));
          source.addEventListener('status',function(e){live.innerHTML=e.data;updates+=1;
            document.body.dataset.stream='open';document.body.dataset.updates=String(updates);});
          source.addEventListener('end',function(){source.close();document.body.dataset.stream='ended';});
          source.onerror=function(){if(document.body.dataset.stream!=='ended')document.body.dataset.stream='lost';};
        })();
        """
}
