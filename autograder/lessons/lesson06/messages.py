"""Lesson 06's texts, by message id, in both languages."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    # -- 06.1 ---------------------------------------------------------------------------
    "06.1.title": {
        "pt-BR": "api e store numa rede overlay privada",
        "en": "api and store on a private overlay network",
    },
    "06.1.services.ok": {
        "pt-BR": "Os serviços store e api existem.",
        "en": "Services store and api exist.",
    },
    "06.1.services.no": {
        "pt-BR": "Ainda não há serviço {missing}: crie store e api com a imagem "
                 "orquestra-lab/shop:v1 (papéis store e api).",
        "en": "There is no service {missing} yet: create store and api with image "
              "orquestra-lab/shop:v1 (roles store and api).",
    },
    "06.1.later": {
        "pt-BR": "A conversa entre api e store: verificada quando os dois serviços existirem.",
        "en": "The api talking to the store: checked once both services exist.",
    },
    "06.1.network.ok": {
        "pt-BR": "api e store estão na mesma rede overlay: {networks}.",
        "en": "api and store are on the same overlay network: {networks}.",
    },
    "06.1.network.no": {
        "pt-BR": "api e store não têm rede overlay em comum (api: {api}; store: {store}).",
        "en": "api and store share no overlay network (api: {api}; store: {store}).",
    },
    "06.1.network.mistake.none": {
        "pt-BR": "Um serviço criado sem --network não fica em rede overlay nenhuma, e nenhum "
                 "nome de serviço resolve para ele. Crie uma rede overlay e ligue os dois "
                 "serviços a ela.",
        "en": "A service created without --network is on no overlay network, and no service "
              "name resolves for it. Create an overlay network and attach both services to it.",
    },
    "06.1.network.mistake.apart": {
        "pt-BR": "Cada serviço está numa rede diferente: o DNS de uma rede só conhece os "
                 "serviços dessa rede. Os dois precisam de uma rede em comum.",
        "en": "Each service is on a different network: a network's DNS knows only that "
              "network's services. Both need a network in common.",
    },
    "06.1.reach.ok": {
        "pt-BR": "As {served} tarefas da api, perguntadas por /stock por dentro, receberam a "
                 "resposta do store, chamado pelo nome ({url}).",
        "en": "The {served} api tasks, asked for /stock from inside, got the store's answer, "
              "called by name ({url}).",
    },
    "06.1.reach.no": {
        "pt-BR": "Tarefas da api rodando: {running} (esperado: {replicas}); as que receberam a "
                 "resposta do store: {served}. O que a api disse: {error}",
        "en": "api tasks running: {running} (expected: {replicas}); those that got the "
              "store's answer: {served}. What the api said: {error}",
    },
    "06.1.reach.mistake.ip": {
        "pt-BR": "A api chama o store por um endereço IP ({url}). O IP de uma tarefa muda "
                 "quando ela é recriada; o nome do serviço não. Deixe STORE_URL com o nome "
                 "(o padrão da imagem é http://store).",
        "en": "The api calls the store by an IP address ({url}). A task's IP changes when it "
              "is recreated; the service's name does not. Leave STORE_URL with the name (the "
              "image's default is http://store).",
    },
    "06.1.reach.mistake.apart": {
        "pt-BR": "A api não achou o nome do store (bad address): o DNS das redes da api não "
                 "conhece esse serviço. O store está numa rede que a api não tem?",
        "en": "The api could not find the store's name (bad address): the DNS of the api's "
              "networks does not know that service. Is the store on a network the api lacks?",
    },
    "06.1.reach.mistake.silent": {
        "pt-BR": "A api achou o nome, mas ninguém respondeu: o store tem alguma tarefa rodando?",
        "en": "The api found the name, but nobody answered: does the store have a task "
              "running?",
    },
    "06.1.hint.1": {
        "pt-BR": "Serviços só se encontram pelo nome numa rede definida por você: crie uma rede "
                 "overlay e ponha os dois serviços nela.",
        "en": "Services find each other by name only on a network you define: create an "
              "overlay network and put both services on it.",
    },
    "06.1.hint.2": {
        "pt-BR": "docker network create --driver overlay NOME; depois, docker service create "
                 "--network NOME para cada serviço (o último argumento é o papel: store ou api).",
        "en": "docker network create --driver overlay NAME; then docker service create "
              "--network NAME for each service (the last argument is the role: store or api).",
    },
    "06.1.hint.3": {
        "pt-BR": "%%docker manager1 e, na célula: docker network create --driver overlay loja; "
                 "docker service create --name store --network loja --detach "
                 "orquestra-lab/shop:v1 store; docker service create --name api --replicas 2 "
                 "--network loja --detach orquestra-lab/shop:v1 api",
        "en": "%%docker manager1 and, in the cell: docker network create --driver overlay loja; "
              "docker service create --name store --network loja --detach "
              "orquestra-lab/shop:v1 store; docker service create --name api --replicas 2 "
              "--network loja --detach orquestra-lab/shop:v1 api",
    },
    # -- 06.2 ---------------------------------------------------------------------------
    "06.2.title": {
        "pt-BR": "A web chega à api, mas não ao store",
        "en": "The web reaches the api, but not the store",
    },
    "06.2.services.ok": {
        "pt-BR": "Os serviços web, api e store existem.",
        "en": "Services web, api and store exist.",
    },
    "06.2.services.no": {
        "pt-BR": "Ainda não há serviço {missing}: a web é a imagem orquestra-lab/shop:v1 com o "
                 "papel web.",
        "en": "There is no service {missing} yet: the web is image orquestra-lab/shop:v1 "
              "with role web.",
    },
    "06.2.later": {
        "pt-BR": "O isolamento do store: verificado quando web, api e store existirem.",
        "en": "The store's isolation: checked once web, api and store exist.",
    },
    "06.2.chain.ok": {
        "pt-BR": "A web, perguntada por dentro, respondeu com o estoque, via api e store.",
        "en": "The web, asked from inside, answered with the stock, through api and store.",
    },
    "06.2.chain.no": {
        "pt-BR": "A web não entregou o estoque. O que ela disse: {error}",
        "en": "The web did not deliver the stock. What it said: {error}",
    },
    "06.2.chain.mistake.api_apart": {
        "pt-BR": "web e api não têm rede em comum: a web não acha o nome api. A api pode "
                 "estar em mais de uma rede.",
        "en": "web and api share no network: the web cannot find the name api. The api may "
              "be on more than one network.",
    },
    "06.2.chain.mistake.apart": {
        "pt-BR": "Alguém na cadeia não achou um nome (bad address): veja acima quem disse o quê.",
        "en": "Someone in the chain could not find a name (bad address): see above who said "
              "what.",
    },
    "06.2.chain.mistake.silent": {
        "pt-BR": "Um nome foi achado, mas ninguém respondeu: api e store têm tarefas rodando?",
        "en": "A name was found, but nobody answered: do api and store have tasks running?",
    },
    "06.2.isolated.ok": {
        "pt-BR": "De dentro da web o store não existe: nenhuma rede em comum, nenhuma porta "
                 "publicada, e o nome store não resolve ({said}).",
        "en": "From inside the web the store does not exist: no network in common, no port "
              "published, and the name store does not resolve ({said}).",
    },
    "06.2.isolated.no": {
        "pt-BR": "O store ainda está ao alcance da web (redes em comum: {networks}; portas "
                 "publicadas do store: {ports}; de dentro da web: {said}).",
        "en": "The store is still within the web's reach (networks in common: {networks}; "
              "the store's published ports: {ports}; from inside the web: {said}).",
    },
    "06.2.isolated.mistake.shared": {
        "pt-BR": "A web está numa rede do store ({networks}): lá, qualquer serviço acha o store "
                 "pelo nome. Dê à web uma rede só dela e da api.",
        "en": "The web is on a network of the store ({networks}): there, any service finds "
              "the store by name. Give the web a network of its own, shared with the api.",
    },
    "06.2.isolated.mistake.published": {
        "pt-BR": "O store publica a porta {ports}: pela malha de roteamento, qualquer um que "
                 "alcance um nó chega a ele. Tire a publicação (--publish-rm).",
        "en": "The store publishes port {ports}: through the routing mesh, anyone who reaches "
              "a node reaches it. Remove it (--publish-rm).",
    },
    "06.2.isolated.mistake.reached": {
        "pt-BR": "Sem rede em comum, a web ainda recebeu resposta em http://store ({said}): "
                 "há outro serviço chamado store na rede da web?",
        "en": "With no network in common, the web still got an answer at http://store "
              "({said}): is another service called store on the web's network?",
    },
    "06.2.hint.1": {
        "pt-BR": "Cada rede é um bairro: quem está nela acha os vizinhos pelo nome, e só eles. "
                 "A api faz a ponte se morar nos dois bairros.",
        "en": "Each network is a neighbourhood: whoever is on it finds the neighbours by name, "
              "and only them. The api bridges the two if it lives in both.",
    },
    "06.2.hint.2": {
        "pt-BR": "Uma segunda rede overlay para web e api; a api entra nela com docker service "
                 "update --network-add.",
        "en": "A second overlay network for web and api; the api joins it with docker service "
              "update --network-add.",
    },
    "06.2.hint.3": {
        "pt-BR": "%%docker manager1 e: docker network create --driver overlay frente; docker "
                 "service update --network-add frente --detach api; docker service create "
                 "--name web --network frente --detach orquestra-lab/shop:v1 web",
        "en": "%%docker manager1 and: docker network create --driver overlay frente; docker "
              "service update --network-add frente --detach api; docker service create "
              "--name web --network frente --detach orquestra-lab/shop:v1 web",
    },
    # -- 06.3 ---------------------------------------------------------------------------
    "06.3.title": {
        "pt-BR": "O tráfego entre api e store criptografado",
        "en": "The traffic between api and store encrypted",
    },
    "06.3.services.ok": {
        "pt-BR": "Os serviços web, api e store existem.",
        "en": "Services web, api and store exist.",
    },
    "06.3.services.no": {
        "pt-BR": "Ainda não há serviço {missing}: este exercício parte da loja dos exercícios "
                 "06.1 e 06.2.",
        "en": "There is no service {missing} yet: this exercise starts from the shop of "
              "exercises 06.1 and 06.2.",
    },
    "06.3.later": {
        "pt-BR": "Redes, resposta e tráfego: verificados quando web, api e store existirem.",
        "en": "Networks, answer and traffic: checked once web, api and store exist.",
    },
    "06.3.options.ok": {
        "pt-BR": "O store só está em redes criptografadas, e a api o alcança por {networks}.",
        "en": "The store is only on encrypted networks, and the api reaches it through "
              "{networks}.",
    },
    "06.3.options.no": {
        "pt-BR": "O store ainda está em rede sem criptografia ({plain}), ou não divide uma rede "
                 "criptografada com a api (em comum: {networks}).",
        "en": "The store is still on a network without encryption ({plain}), or shares no "
              "encrypted network with the api (in common: {networks}).",
    },
    "06.3.options.mistake.plain": {
        "pt-BR": "A opção encrypted só existe na criação da rede: {plain} não pode ser "
                 "alterada. Crie outra rede, com a opção, e troque a rede dos serviços.",
        "en": "The encrypted option exists only when the network is created: {plain} cannot "
              "be changed. Create another network, with the option, and move the services.",
    },
    "06.3.options.mistake.apart": {
        "pt-BR": "O store está em rede criptografada, mas a api não está nela: a api ficou sem "
                 "caminho até o store.",
        "en": "The store is on an encrypted network, but the api is not on it: the api has no "
              "way to the store.",
    },
    "06.3.chain.ok": {
        "pt-BR": "A loja continua respondendo: web, api e store.",
        "en": "The shop still answers: web, api and store.",
    },
    "06.3.chain.no": {
        "pt-BR": "A web não entregou o estoque. O que ela disse: {error}",
        "en": "The web did not deliver the stock. What it said: {error}",
    },
    "06.3.wire.later": {
        "pt-BR": "A prova no fio (o avaliador conta os pacotes entre api e store): feita quando "
                 "as redes e a loja estiverem certas.",
        "en": "The proof on the wire (the grader counts the packets between api and store): "
              "made once the networks and the shop are right.",
    },
    "06.3.wire.ok": {
        "pt-BR": "Em {node}, durante {requests} chamadas da api ao store: {esp} pacotes ESP e "
                 "{clear} respostas do store legíveis no VXLAN.",
        "en": "On {node}, during {requests} calls from the api to the store: {esp} ESP packets "
              "and {clear} of the store's answers readable in VXLAN.",
    },
    "06.3.wire.no": {
        "pt-BR": "Em {node}, durante {requests} chamadas da api ao store: {esp} pacotes ESP e "
                 "{clear} respostas do store legíveis no VXLAN. Esperado: só ESP.",
        "en": "On {node}, during {requests} calls from the api to the store: {esp} ESP packets "
              "and {clear} of the store's answers readable in VXLAN. Expected: ESP only.",
    },
    "06.3.wire.mistake.same_node": {
        "pt-BR": "Todas as tarefas da api estão no nó do store: nada cruza o fio entre nós para "
                 "medir. Deixe a api com 2 réplicas, sem restrição de nó.",
        "en": "Every api task is on the store's node: nothing crosses the wire between nodes "
              "to measure. Keep the api at 2 replicas, with no node constraint.",
    },
    "06.3.wire.mistake.clear": {
        "pt-BR": "As respostas do store chegaram legíveis: a api ainda fala com o store por uma "
                 "rede sem criptografia.",
        "en": "The store's answers arrived readable: the api still talks to the store over a "
              "network without encryption.",
    },
    "06.3.hint.1": {
        "pt-BR": "A criptografia é uma opção da rede, escolhida na criação e nunca depois. "
                 "Os serviços podem trocar de rede.",
        "en": "Encryption is an option of the network, chosen at creation and never later. "
              "Services can change networks.",
    },
    "06.3.hint.2": {
        "pt-BR": "docker network create --driver overlay --opt encrypted NOME; depois, docker "
                 "service update --network-add NOME --network-rm ANTIGA, no store e na api.",
        "en": "docker network create --driver overlay --opt encrypted NAME; then docker "
              "service update --network-add NAME --network-rm OLD, on store and api.",
    },
    "06.3.hint.3": {
        "pt-BR": "%%docker manager1 e: docker network create --driver overlay --opt encrypted "
                 "cofre; docker service update --network-add cofre --network-rm loja --detach "
                 "store; docker service update --network-add cofre --network-rm loja --detach api",
        "en": "%%docker manager1 and: docker network create --driver overlay --opt encrypted "
              "cofre; docker service update --network-add cofre --network-rm loja --detach "
              "store; docker service update --network-add cofre --network-rm loja --detach api",
    },
}
