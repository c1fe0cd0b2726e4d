# ctimod corpus: erb-sinatra-classic/app.rb - Sinatra app that serves the PBX webphone softphone page (views/softphone.erb) to Salesforce
# Patterns: erb-template
# Written for the ctimod test corpus; not copied from any vendor adapter.
#
# No Open CTI code lives here: the adapter is inline in views/softphone.erb.

require 'sinatra'
require 'json'
require 'yaml'
require 'securerandom'
require 'openssl'
require 'base64'
require 'time'
require 'fileutils'

AGENTS_FILE = ENV.fetch('AGENTS_FILE', File.join(__dir__, 'config', 'agents.yml'))
CALL_LOG_DIR = ENV.fetch('CALL_LOG_DIR', File.join(__dir__, 'var', 'calls'))
SALESFORCE_ORIGIN = %r{\Ahttps://[a-z0-9.-]+\.(salesforce\.com|force\.com|visualforce\.com)\z}i

Agent = Struct.new(:username, :name, :extension, :pin_digest, :salesforce_user_id, keyword_init: true)

configure do
  enable :sessions
  set :session_secret, ENV.fetch('SESSION_SECRET') { SecureRandom.hex(64) }
  set :sessions, same_site: :none, secure: true, httponly: true
  set :pbx_ws_url, ENV.fetch('PBX_WS_URL', 'wss://pbx.example.internal:8089/ws')
  set :token_secret, ENV.fetch('PBX_TOKEN_SECRET', 'change-me')
  set :number_map, {}
  FileUtils.mkdir_p(CALL_LOG_DIR)
end

helpers do
  def agents
    @agents ||= YAML.safe_load(File.read(AGENTS_FILE)).map { |h| Agent.new(**h.transform_keys(&:to_sym)) }
  end

  def current_agent
    agents.find { |a| a.username == session[:agent] }
  end

  def salesforce_origin
    origin = params['sfdcIframeOrigin'] || params['sfdcIFrameOrigin'] || session[:sf_origin]
    return nil unless origin && origin =~ SALESFORCE_ORIGIN
    session[:sf_origin] = origin
  end

  def csrf_token
    session[:csrf] ||= SecureRandom.urlsafe_base64(32)
  end

  def verify_csrf!
    halt 403, 'bad csrf token' unless Rack::Utils.secure_compare(request.env['HTTP_X_CSRF_TOKEN'].to_s, csrf_token)
  end

  def json_body
    JSON.parse(request.body.read)
  rescue JSON::ParserError
    halt 400, { error: 'invalid json' }.to_json
  end

  def pin_ok?(agent, pin)
    digest = OpenSSL::Digest::SHA256.hexdigest("#{agent.username}:#{pin}")
    Rack::Utils.secure_compare(digest, agent.pin_digest.to_s)
  end

  def sign_token(extension)
    payload = Base64.urlsafe_encode64({ ext: extension, exp: Time.now.to_i + 300 }.to_json, padding: false)
    sig = OpenSSL::HMAC.hexdigest('SHA256', settings.token_secret, payload)
    "#{payload}.#{sig}"
  end
end

before do
  # Salesforce frames the softphone, so allow only its domains as ancestors
  headers 'Content-Security-Policy' =>
    "frame-ancestors https://*.salesforce.com https://*.force.com https://*.visualforce.com"
end

get '/' do
  redirect to('/softphone')
end

get '/login' do
  erb :login, locals: { error: nil, origin: salesforce_origin, mode: params['mode'] }
end

post '/login' do
  agent = agents.find { |a| a.username == params['username'] }
  unless agent && pin_ok?(agent, params['pin'])
    return erb :login, locals: { error: 'Unknown user or wrong PIN', origin: salesforce_origin, mode: params['mode'] }
  end
  session[:agent] = agent.username
  redirect to("/softphone?mode=#{Rack::Utils.escape(params['mode'].to_s)}")
end

get '/softphone' do
  @agent = current_agent
  redirect to("/login?mode=#{Rack::Utils.escape(params['mode'].to_s)}") unless @agent

  @salesforce_origin = salesforce_origin
  halt 400, 'Open the softphone from Salesforce' unless @salesforce_origin

  @mode = params['mode'] == 'Lightning' ? 'Lightning' : 'Classic'
  @csrf_token = csrf_token
  @config = {
    'mode' => @mode,
    'pbx_ws_url' => settings.pbx_ws_url,
    'ice_servers' => [{ 'urls' => ENV.fetch('STUN_URL', 'stun:stun.example.internal:3478') }],
    'outside_prefix' => ENV.fetch('OUTSIDE_PREFIX', '9'),
    'outcomes' => ['Resolved', 'Call back', 'Left voicemail', 'Wrong number'],
    'debug' => ENV['SOFTPHONE_DEBUG'] == '1'
  }
  erb :softphone
end

post '/api/token' do
  content_type :json
  agent = current_agent
  halt 401, { error: 'not logged in' }.to_json unless agent
  verify_csrf!
  body = json_body
  halt 403, { error: 'extension mismatch' }.to_json unless body['extension'].to_s == agent.extension.to_s
  { token: sign_token(agent.extension) }.to_json
end

# The IVR stores "caller number -> Salesforce record" when a customer keys in their account number
get '/api/lookup' do
  content_type :json
  halt 401, { error: 'not logged in' }.to_json unless current_agent
  ani = params['ani'].to_s.gsub(/[^\d+]/, '')
  { ani: ani, record_id: settings.number_map[ani] }.to_json
end

post '/api/calls' do
  content_type :json
  agent = current_agent
  halt 401, { error: 'not logged in' }.to_json unless agent
  verify_csrf!
  call = json_body
  record = call.slice('id', 'number', 'direction', 'outcome', 'answered_at', 'ended_at')
               .merge('agent' => agent.username, 'extension' => agent.extension, 'stored_at' => Time.now.utc.iso8601)
  file = File.join(CALL_LOG_DIR, "#{Time.now.utc.strftime('%Y-%m-%d')}.jsonl")
  File.open(file, 'a') { |f| f.puts(record.to_json) }
  { stored: true }.to_json
end

post '/ivr/identified' do
  # Called by the PBX dialplan: {"ani": "+4420...", "record_id": "003..."}
  halt 403 unless Rack::Utils.secure_compare(request.env['HTTP_X_PBX_KEY'].to_s, ENV.fetch('PBX_WEBHOOK_KEY', ''))
  data = json_body
  settings.number_map[data['ani'].to_s.gsub(/[^\d+]/, '')] = data['record_id']
  status 204
end
